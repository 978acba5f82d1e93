package io.dagline.scheduler;

/**
 * State-store names. They name changelog topics, so they are frozen: a retired store keeps its name
 * here, marked deprecated, rather than being renamed.
 */
public final class StoreNames {

  /** Partition processor, key {@code jobId/partition/taskId}: each task's dependencies, attempt and state. */
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
  /**
   * Partition processor, key {@code jobId/partition/site/rank/readyAt/taskId}: ready attempts waiting
   * for a dispatch credit, in dispatch order.
   */
  public static final String DISPATCH_QUEUE = "dispatch-queue";
  /**
   * Partition processor, key {@code jobId/partition/upstreamTaskId}: what a task of another partition
   * produced, for the inputs of its successors here.
   */
  public static final String UPSTREAM_RESULTS = "upstream-results";
  /** Site coordinator, key site: live executors and their slots, exclusions, each partition's claim and grant. */
  public static final String SITES = "sites";
  /** Retired with the two-stage dispatcher (decision 0017): the site's ready queue. */
  @Deprecated
  public static final String READY_QUEUE = "ready-queue";
  /** Retired with the two-stage dispatcher (decision 0017): the ready-queue key of a queued task. */
  @Deprecated
  public static final String READY_INDEX = "ready-index";
  /** Job level, key job id: the job's status and each partition's latest counts. */
  public static final String JOBS = "jobs";

  private StoreNames() {}
}
