package io.dagline.scheduler.jobs;

import io.dagline.scheduler.tracking.TaskCountsMath;
import io.dagline.schemas.FailurePolicy;
import io.dagline.schemas.JobAccepted;
import io.dagline.schemas.JobCancelRequested;
import io.dagline.schemas.JobRejected;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStates;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.PartitionProgressed;
import io.dagline.schemas.TaskCounts;
import io.dagline.schemas.state.JobRecord;
import io.dagline.serde.DaglineSchemas;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Job level, keyed by job id: folds the partitions' progress into the job's status.
 *
 * <ul>
 *   <li>A job succeeds when every task of every partition has succeeded.
 *   <li>Under {@code FAIL_JOB} (the default) it fails as soon as a task ran out of attempts, and its
 *       partitions are then stopped ({@link #needsStop}).
 *   <li>Under {@code SKIP_DESCENDANTS} it keeps running until every task has finished (the failed
 *       task's descendants skipped, independent branches run), then fails.
 *   <li>A cancelled job is final at once; its partitions are stopped.
 * </ul>
 *
 * A final state never changes, but the counts keep following the partitions, so a cancelled job
 * shows its tasks ending up CANCELLED.
 */
public final class JobProgress {

  static {
    DaglineSchemas.trustGeneratedClasses(); // builders fill in enum defaults by class name
  }

  private JobProgress() {}

  public static JobRecord accepted(JobAccepted accepted, long now) {
    JobStatusChanged status = JobStatusChanged.newBuilder()
        .setJobId(accepted.getJobId())
        .setName(accepted.getName())
        .setPool(accepted.getPool())
        .setState(JobState.RUNNING)
        .setTaskCount(accepted.getTaskCount())
        .setPartitionCount(accepted.getPartitionCount())
        .setCounts(waiting(accepted.getTaskCount()))
        .setSubmittedAt(accepted.getSubmittedAt())
        .setUpdatedAt(now)
        .setDigest(accepted.getDigest())
        .setTenant(accepted.getTenant())
        .setExecutorWaitLimitMs(accepted.getExecutorWaitLimitMs())
        .build();
    return JobRecord.newBuilder().setStatus(status).setPartitions(new HashMap<>())
        .setOnTaskFailure(accepted.getOnTaskFailure()).build();
  }

  public static JobRecord rejected(JobRejected rejected, long now) {
    JobStatusChanged status = JobStatusChanged.newBuilder()
        .setJobId(rejected.getJobId())
        .setState(JobState.REJECTED)
        .setCounts(TaskCountsMath.empty())
        .setSubmittedAt(rejected.getSubmittedAt())
        .setFinishedAt(rejected.getRejectedAt())
        .setUpdatedAt(now)
        .setProblems(rejected.getProblems())
        .setDigest(rejected.getDigest())
        .setTenant(rejected.getTenant())
        .build();
    return JobRecord.newBuilder().setStatus(status).setPartitions(new HashMap<>()).build();
  }

  /** Folds a partition's progress in; answers whether the job's status changed. */
  public static boolean progressed(JobRecord job, PartitionProgressed progress, long now) {
    JobStatusChanged status = job.getStatus();
    if (status.getState() == JobState.REJECTED) {
      return false;
    }
    job.getPartitions().put(Integer.toString(progress.getPartition()), progress);
    List<TaskCounts> counts = new ArrayList<>();
    job.getPartitions().values().forEach(p -> counts.add(p.getCounts()));
    TaskCounts total = TaskCountsMath.sum(counts);
    int unreported = status.getTaskCount()
        - job.getPartitions().values().stream().mapToInt(PartitionProgressed::getTaskCount).sum();
    total.setWaiting(total.getWaiting() + unreported);
    status.setCounts(total);
    status.setStartedAt(earliest(job, PartitionProgressed::getFirstStartedAt).orElse(null));
    status.setUpdatedAt(now);
    if (JobStates.isFinal(status.getState())) {
      return true;
    }

    List<PartitionProgressed> failed = job.getPartitions().values().stream()
        .filter(p -> p.getFailedTaskId() != null)
        .sorted(Comparator.comparing(PartitionProgressed::getPartition))
        .toList();
    if (!failed.isEmpty()) {
      PartitionProgressed first = failed.get(0);
      status.setFailedTaskId(first.getFailedTaskId());
      status.setFailedAttempts(first.getFailedAttempts());
      status.setLastError(first.getError());
      status.setProblems(failed.stream().map(JobProgress::describeFailure).toList());
      boolean allFinished = TaskCountsMath.finished(total) == status.getTaskCount();
      if (job.getOnTaskFailure() == FailurePolicy.FAIL_JOB || allFinished) {
        status.setState(JobState.FAILED);
        status.setFinishedAt(latest(job).orElse(now));
      }
    } else if (total.getSucceeded() == status.getTaskCount()) {
      status.setState(JobState.SUCCEEDED);
      status.setFinishedAt(latest(job).orElse(now));
    }
    return true;
  }

  /**
   * A cancellation of a job still running ends it CANCELLED, or FAILED when a limit ran out ({@code failJob});
   * of a finished one, changes nothing.
   */
  public static boolean cancelRequested(JobRecord job, JobCancelRequested request, long now) {
    JobStatusChanged status = job.getStatus();
    if (JobStates.isFinal(status.getState())) {
      return false;
    }
    String reason = request.getReason() == null ? "" : ": " + request.getReason();
    if (request.getFailJob()) {
      status.setState(JobState.FAILED);
      status.setProblems(List.of("failed" + reason));
    } else {
      status.setState(JobState.CANCELLED);
      status.setCancelRequestedAt(request.getRequestedAt());
      status.setProblems(List.of("cancelled" + reason));
    }
    status.setFinishedAt(now);
    status.setUpdatedAt(now);
    job.setStopRequested(true);
    return true;
  }

  /** Whether the job has just ended in a way that leaves tasks to stop (cancelled, or failed under FAIL_JOB). */
  public static boolean needsStop(JobRecord job) {
    JobState state = job.getStatus().getState();
    return !job.getStopSent() && (job.getStopRequested() || state == JobState.CANCELLED
        || state == JobState.FAILED && job.getOnTaskFailure() == FailurePolicy.FAIL_JOB);
  }


  private static String describeFailure(PartitionProgressed partition) {
    Integer attempts = partition.getFailedAttempts();
    return "task \"" + partition.getFailedTaskId() + "\" failed"
        + (attempts == null ? "" : " after " + attempts + (attempts == 1 ? " attempt" : " attempts"))
        + ": " + partition.getError();
  }

  private static TaskCounts waiting(int tasks) {
    TaskCounts counts = TaskCountsMath.empty();
    counts.setWaiting(tasks);
    return counts;
  }

  private static Optional<Long> earliest(JobRecord job, Function<PartitionProgressed, Long> field) {
    return job.getPartitions().values().stream().map(field).filter(Objects::nonNull).min(Long::compare);
  }

  private static Optional<Long> latest(JobRecord job) {
    return job.getPartitions().values().stream().map(PartitionProgressed::getLastFinishedAt)
        .filter(Objects::nonNull).max(Long::compare);
  }
}
