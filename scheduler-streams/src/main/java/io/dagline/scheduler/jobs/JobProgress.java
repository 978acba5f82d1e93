package io.dagline.scheduler.jobs;

import io.dagline.schemas.JobAccepted;
import io.dagline.schemas.JobRejected;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.PartitionProgressed;
import io.dagline.schemas.TaskCounts;
import io.dagline.schemas.state.JobRecord;
import io.dagline.scheduler.tracking.TaskCountsMath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * Job level, keyed by job id: folds the partitions' progress into the job's status. A job succeeds
 * when every task of every partition has succeeded, fails when a task ran out of attempts; both are
 * final.
 */
public final class JobProgress {

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
        .build();
    return new JobRecord(status, new HashMap<>());
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
        .build();
    return new JobRecord(status, new HashMap<>());
  }

  /** Folds a partition's progress in; answers whether the job's status changed. */
  public static boolean progressed(JobRecord job, PartitionProgressed progress, long now) {
    JobStatusChanged status = job.getStatus();
    if (isFinal(status.getState())) {
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

    Optional<PartitionProgressed> failed = job.getPartitions().values().stream()
        .filter(p -> p.getFailedTaskId() != null).findFirst();
    if (failed.isPresent()) {
      status.setState(JobState.FAILED);
      status.setFailedTaskId(failed.get().getFailedTaskId());
      status.setProblems(List.of("task \"" + failed.get().getFailedTaskId() + "\" failed: " + failed.get().getError()));
      status.setFinishedAt(latest(job).orElse(now));
    } else if (total.getSucceeded() == status.getTaskCount()) {
      status.setState(JobState.SUCCEEDED);
      status.setFinishedAt(latest(job).orElse(now));
    }
    return true;
  }

  public static boolean isFinal(JobState state) {
    return state == JobState.SUCCEEDED || state == JobState.FAILED
        || state == JobState.CANCELLED || state == JobState.REJECTED;
  }

  private static TaskCounts waiting(int tasks) {
    TaskCounts counts = TaskCountsMath.empty();
    counts.setWaiting(tasks);
    return counts;
  }

  private static Optional<Long> earliest(JobRecord job, java.util.function.Function<PartitionProgressed, Long> field) {
    return job.getPartitions().values().stream().map(field).filter(java.util.Objects::nonNull).min(Long::compare);
  }

  private static Optional<Long> latest(JobRecord job) {
    return job.getPartitions().values().stream().map(PartitionProgressed::getLastFinishedAt)
        .filter(java.util.Objects::nonNull).max(Long::compare);
  }
}
