package io.dagline.scheduler.jobs;

import io.dagline.schemas.JobAccepted;
import io.dagline.schemas.JobCancelRequested;
import io.dagline.schemas.JobEvent;
import io.dagline.schemas.JobRejected;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.JobStopped;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.PartitionProgressed;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.state.JobRecord;
import io.dagline.scheduler.StoreNames;
import io.dagline.topics.DaglineTopics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The job-level processor, keyed by job id: publishes a job's status whenever it changes, and when a
 * job is cancelled or fails under FAIL_JOB, stops it: a {@link JobStopped} to each of its graph
 * partitions (which end their unfinished tasks) and one to the cancellations topic (where executors
 * learn to interrupt the job's running attempts).
 */
public final class JobTrackerProcessor implements Processor<String, JobEvent, String, Object> {

  public static final String JOB_STATUS_SINK = "job-tracker-status-sink";
  public static final String PARTITION_EVENTS_SINK = "job-tracker-partition-events-sink";
  public static final String CANCELLATIONS_SINK = "job-tracker-cancellations-sink";

  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, JobRecord> jobs;

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.jobs = context.getStateStore(StoreNames.JOBS);
  }

  @Override
  public void process(Record<String, JobEvent> record) {
    long now = context.currentSystemTimeMs();
    Object event = record.value().getEvent();
    JobRecord job = jobs.get(record.key());
    if (event instanceof JobAccepted accepted && job == null) {
      save(record, JobProgress.accepted(accepted, now));
    } else if (event instanceof JobRejected rejected && job == null) {
      save(record, JobProgress.rejected(rejected, now));
    } else if (event instanceof PartitionProgressed progressed && job != null
        && JobProgress.progressed(job, progressed, now)) {
      save(record, job);
    } else if (event instanceof JobCancelRequested cancel && job != null
        && JobProgress.cancelRequested(job, cancel, now)) {
      save(record, job);
    }
  }

  private void save(Record<String, JobEvent> record, JobRecord job) {
    if (JobProgress.needsStop(job)) {
      stop(record, job);
    }
    jobs.put(record.key(), job);
    context.forward(record.withValue((Object) job.getStatus()), JOB_STATUS_SINK);
  }

  private void stop(Record<String, JobEvent> record, JobRecord job) {
    JobStatusChanged status = job.getStatus();
    boolean cancelled = status.getState() == JobState.CANCELLED;
    TaskState outcome = cancelled ? TaskState.CANCELLED : TaskState.SKIPPED;
    String reason = cancelled ? "job cancelled"
        : status.getFailedTaskId() == null ? "job " + status.getProblems().get(0)
        : "job failed: task \"" + status.getFailedTaskId() + "\" failed";
    long now = context.currentSystemTimeMs();
    String jobId = status.getJobId();
    for (int partition = 0; partition < status.getPartitionCount(); partition++) {
      context.forward(record.withKey(DaglineTopics.partitionKey(jobId, partition))
          .withValue((Object) new PartitionEvent(new JobStopped(jobId, partition, outcome, reason, now))),
          PARTITION_EVENTS_SINK);
    }
    context.forward(record.withKey(jobId).withValue((Object) new JobStopped(jobId, -1, outcome, reason, now)),
        CANCELLATIONS_SINK);
    job.setStopSent(true);
  }
}
