package io.dagline.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.TaskCounts;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A job's latest status, as {@code GET /v1/jobs/{id}} shows it. Timestamps are ISO-8601 or null. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobStatusResponse(
    String jobId,
    String name,
    String pool,
    String state,
    int taskCount,
    int partitionCount,
    Counts counts,
    String submittedAt,
    String startedAt,
    String finishedAt,
    String updatedAt,
    String failedTaskId,
    Integer failedAttempts,
    String lastError,
    String cancelRequestedAt,
    List<String> problems,
    String tenant,
    Long executorWaitLimitMs,
    List<WaitingForExecutors> waitingForExecutors) {

  /**
   * Ready tasks that wait at a site where no executor is alive, and since when (the earliest of them became
   * ready then). Only on {@code GET /v1/jobs/{id}}: null in lists and event streams.
   */
  @Serdeable
  public record WaitingForExecutors(String site, int tasks, String since) {}

  @Serdeable
  public record Counts(int waiting, int ready, int running, int succeeded, int failed, int skipped, int cancelled) {

    static Counts from(TaskCounts counts) {
      return new Counts(counts.getWaiting(), counts.getReady(), counts.getRunning(), counts.getSucceeded(),
          counts.getFailed(), counts.getSkipped(), counts.getCancelled());
    }
  }

  public static JobStatusResponse from(JobStatusChanged status) {
    return new JobStatusResponse(
        status.getJobId(),
        status.getName(),
        status.getPool(),
        status.getState().name(),
        status.getTaskCount(),
        status.getPartitionCount(),
        Counts.from(status.getCounts()),
        Timestamps.iso(status.getSubmittedAt()),
        Timestamps.iso(status.getStartedAt()),
        Timestamps.iso(status.getFinishedAt()),
        Timestamps.iso(status.getUpdatedAt()),
        status.getFailedTaskId(),
        status.getFailedAttempts(),
        status.getLastError(),
        Timestamps.iso(status.getCancelRequestedAt()),
        List.copyOf(status.getProblems()),
        status.getTenant(),
        status.getExecutorWaitLimitMs(),
        null);
  }

  /** The same, with the tasks that wait for a site without a live executor. */
  public JobStatusResponse withWaitingForExecutors(List<WaitingForExecutors> waiting) {
    return new JobStatusResponse(jobId, name, pool, state, taskCount, partitionCount, counts, submittedAt, startedAt,
        finishedAt, updatedAt, failedTaskId, failedAttempts, lastError, cancelRequestedAt, problems, tenant,
        executorWaitLimitMs, List.copyOf(waiting));
  }
}
