package io.dagline.scheduler.jobs;

import io.dagline.schemas.JobAccepted;
import io.dagline.schemas.JobEvent;
import io.dagline.schemas.JobRejected;
import io.dagline.schemas.PartitionProgressed;
import io.dagline.schemas.state.JobRecord;
import io.dagline.scheduler.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** The job-level processor, keyed by job id: publishes a job's status whenever it changes. */
public final class JobTrackerProcessor implements Processor<String, JobEvent, String, Object> {

  public static final String JOB_STATUS_SINK = "job-tracker-status-sink";

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
    }
  }

  private void save(Record<String, JobEvent> record, JobRecord job) {
    jobs.put(record.key(), job);
    context.forward(record.withValue((Object) job.getStatus()), JOB_STATUS_SINK);
  }
}
