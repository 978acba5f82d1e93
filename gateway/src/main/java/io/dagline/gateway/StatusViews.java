package io.dagline.gateway;

import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.PartitionStatus;
import io.dagline.schemas.TaskResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The gateway's local, read-only copies of the compacted status topics: the latest job status per job
 * id, the latest partition status per job and graph partition, and each task's result. Written by one consumer thread
 * ({@link StatusViewConsumer}) and, for read-your-writes, by the submission path; read by requests.
 *
 * <p>Jobs are also kept in listing order, newest submission first ({@link JobOrder}), so that a page
 * of the job list starts where the previous one ended without sorting every job. Listeners hear of
 * every change, for the live event streams.
 */
public final class StatusViews {

  /** Hears of every change the views take in; called on the writing thread, so it must not block. */
  public interface Listener {

    void jobChanged(JobStatusChanged status);

    /** A partition's new status; {@code previous} is null for the first one. */
    void partitionChanged(String jobId, PartitionStatus previous, PartitionStatus current);
  }

  /** A job's place in the list: newest submission first, ties broken by job id (descending). */
  public record JobOrder(long submittedAt, String jobId) implements Comparable<JobOrder> {

    private static final Comparator<JobOrder> NEWEST_FIRST = Comparator.comparingLong(JobOrder::submittedAt).reversed()
        .thenComparing(JobOrder::jobId, Comparator.reverseOrder());

    @Override
    public int compareTo(JobOrder other) {
      return NEWEST_FIRST.compare(this, other);
    }
  }

  private final Map<String, JobStatusChanged> jobs = new ConcurrentHashMap<>();
  private final NavigableSet<JobOrder> order = new ConcurrentSkipListSet<>();
  private final Map<String, Map<Integer, PartitionStatus>> partitionsByJob = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  /** The accepted result of each task that produced one, by job id, then task id. */
  private final Map<String, Map<String, TaskResult>> resultsByJob = new ConcurrentHashMap<>();

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  /** Applies one record of the job-status topic; a null value (tombstone) forgets the job. */
  public void applyJobStatus(String jobId, JobStatusChanged status) {
    if (status == null) {
      JobStatusChanged removed = jobs.remove(jobId);
      if (removed != null) {
        order.remove(orderOf(removed));
      }
      return;
    }
    JobStatusChanged previous = jobs.put(jobId, status);
    index(previous, status);
    listeners.forEach(listener -> listener.jobChanged(status));
  }

  /**
   * Records a status this gateway has just written, so that a read right after the write sees it. The
   * log stays the authority: a value the consumer has already read for the job is kept.
   */
  public void recordOwnWrite(JobStatusChanged status) {
    if (jobs.putIfAbsent(status.getJobId(), status) == null) {
      index(null, status);
      listeners.forEach(listener -> listener.jobChanged(status));
    }
  }

  private void index(JobStatusChanged previous, JobStatusChanged current) {
    if (previous != null && previous.getSubmittedAt() != current.getSubmittedAt()) {
      order.remove(orderOf(previous));
    }
    order.add(orderOf(current));
  }

  private static JobOrder orderOf(JobStatusChanged status) {
    return new JobOrder(status.getSubmittedAt(), status.getJobId());
  }

  /** Applies one record of the partition-status topic, keyed {@code jobId/partition}. */
  public void applyPartitionStatus(String key, PartitionStatus status) {
    int slash = key == null ? -1 : key.lastIndexOf('/');
    String jobId;
    int partition;
    if (status != null) {
      jobId = status.getJobId();
      partition = status.getPartition();
    } else if (slash > 0) {
      jobId = key.substring(0, slash);
      try {
        partition = Integer.parseInt(key.substring(slash + 1));
      } catch (NumberFormatException e) {
        return;
      }
    } else {
      return;
    }
    PartitionStatus[] previous = new PartitionStatus[1];
    partitionsByJob.compute(jobId, (id, partitions) -> {
      Map<Integer, PartitionStatus> next = partitions == null ? new ConcurrentHashMap<>() : partitions;
      previous[0] = status == null ? next.remove(partition) : next.put(partition, status);
      return next.isEmpty() ? null : next;
    });
    if (status != null) {
      listeners.forEach(listener -> listener.partitionChanged(jobId, previous[0], status));
    }
  }

  /** Applies one record of the task-results topic, keyed {@code jobId/taskId}; a tombstone is ignored. */
  public void applyTaskResult(TaskResult result) {
    if (result != null) {
      resultsByJob.computeIfAbsent(result.getJobId(), id -> new ConcurrentHashMap<>()).put(result.getTaskId(), result);
    }
  }

  /** What the task produced, if it succeeded with a result or a reference. */
  public Optional<TaskResult> result(String jobId, String taskId) {
    Map<String, TaskResult> results = resultsByJob.get(jobId);
    return Optional.ofNullable(results == null ? null : results.get(taskId));
  }

  public Optional<JobStatusChanged> job(String jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  /**
   * Up to {@code limit} jobs that pass the filter, newest first, starting after {@code after} (or at
   * the newest job when null).
   */
  public List<JobStatusChanged> jobs(JobOrder after, Predicate<JobStatusChanged> filter, int limit) {
    List<JobStatusChanged> page = new ArrayList<>(Math.min(limit, 1024));
    for (JobOrder place : after == null ? order : order.tailSet(after, false)) {
      JobStatusChanged status = jobs.get(place.jobId());
      if (status != null && status.getSubmittedAt() == place.submittedAt() && filter.test(status)) {
        page.add(status);
        if (page.size() == limit) {
          break;
        }
      }
    }
    return page;
  }

  /** Every job's latest status, in no particular order. */
  public List<JobStatusChanged> allJobs() {
    return List.copyOf(jobs.values());
  }

  /** The latest status of each graph partition of the job, in no particular order; empty when none is known. */
  public List<PartitionStatus> partitions(String jobId) {
    Map<Integer, PartitionStatus> partitions = partitionsByJob.get(jobId);
    return partitions == null ? List.of() : List.copyOf(partitions.values());
  }

  public boolean knows(String jobId) {
    return jobs.containsKey(jobId) || partitionsByJob.containsKey(jobId);
  }

  public int jobCount() {
    return jobs.size();
  }
}
