package io.dagline.scheduler;

/**
 * State-store names. They name changelog topics, so they are frozen: a retired store keeps its name
 * here, marked deprecated, rather than being renamed.
 */
public final class StoreNames {

  /** Level 1, key {@code jobId/partition/taskId}: each task's dependencies, attempt and state. */
  public static final String TASKS = "tasks";
  /** Level 1, key {@code jobId/partition}: each graph partition's counts and outcome. */
  public static final String PARTITIONS = "partitions";
  /** Level 1, key {@code jobId/partition}: partitions whose status changed since it was last published. */
  public static final String STATUS_PENDING = "status-pending";
  /**
   * Level 1, key {@code dueAt/jobId/partition/taskId} (dueAt zero-padded to 19 digits): retries
   * waiting for their backoff and deadlines of running attempts, in due order; value: the attempt.
   */
  public static final String TIMERS = "timers";
  /** Level 2, key {@code jobId/partition/taskId}: the ready-queue key of a task still queued. */
  public static final String READY_INDEX = "ready-index";
  /** Level 2, key site: queue length, attempts in flight, live executors and their slots. */
  public static final String SITES = "sites";
  /** Level 2, key {@code site/sequence}: the ready queue, in arrival order. */
  public static final String READY_QUEUE = "ready-queue";
  /** Job level, key job id: the job's status and each partition's latest counts. */
  public static final String JOBS = "jobs";

  private StoreNames() {}
}
