package io.dagline.gateway;

import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.PartitionStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's local, read-only copies of the compacted status topics: the latest job status per job
 * id, and the latest partition status per job and graph partition. Written by one consumer thread
 * ({@link StatusViewConsumer}) and, for read-your-writes, by the submission path; read by requests.
 */
public final class StatusViews {

  private final Map<String, JobStatusChanged> jobs = new ConcurrentHashMap<>();
  private final Map<String, Map<Integer, PartitionStatus>> partitionsByJob = new ConcurrentHashMap<>();

  /** Applies one record of the job-status topic; a null value (tombstone) forgets the job. */
  public void applyJobStatus(String jobId, JobStatusChanged status) {
    if (status == null) {
      jobs.remove(jobId);
    } else {
      jobs.put(jobId, status);
    }
  }

  /**
   * Records a status this gateway has just written, so that a read right after the write sees it. The
   * log stays the authority: a value the consumer has already read for the job is kept.
   */
  public void recordOwnWrite(JobStatusChanged status) {
    jobs.putIfAbsent(status.getJobId(), status);
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
    partitionsByJob.compute(jobId, (id, partitions) -> {
      Map<Integer, PartitionStatus> next = partitions == null ? new ConcurrentHashMap<>() : partitions;
      if (status == null) {
        next.remove(partition);
      } else {
        next.put(partition, status);
      }
      return next.isEmpty() ? null : next;
    });
  }

  public Optional<JobStatusChanged> job(String jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  /** The latest status of each graph partition of the job, in no particular order; empty when none is known. */
  public List<PartitionStatus> partitions(String jobId) {
    Map<Integer, PartitionStatus> partitions = partitionsByJob.get(jobId);
    return partitions == null ? List.of() : List.copyOf(partitions.values());
  }

  public boolean knows(String jobId) {
    return jobs.containsKey(jobId) || partitionsByJob.containsKey(jobId);
  }
}
