package io.dagline.ingest;

import io.dagline.schemas.CancelJob;
import io.dagline.schemas.JobCancelRequested;
import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobEvent;
import io.dagline.schemas.JobSubmitted;
import io.dagline.schemas.PartitionEvent;
import io.dagline.topics.DaglineTopics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads job commands and emits, for an accepted job, one {@code GraphPartitionCreated} per
 * partition (keyed by graph-partition key) and a {@code JobAccepted}; for a rejected one a
 * {@code JobRejected}. A {@code CancelJob} is passed on to the job level as {@code JobCancelRequested}:
 * both travel keyed by job id behind the job's submission, so the job level always knows the job
 * before it hears of its cancellation. Stateless: the same command always yields the same events.
 */
public final class GraphIngestProcessor implements Processor<String, JobCommand, String, Object> {

  private final GraphIngestor ingestor;
  private final String partitionEventsSink;
  private final String jobEventsSink;
  private ProcessorContext<String, Object> context;

  public GraphIngestProcessor(GraphIngestor ingestor, String partitionEventsSink, String jobEventsSink) {
    this.ingestor = ingestor;
    this.partitionEventsSink = partitionEventsSink;
    this.jobEventsSink = jobEventsSink;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, JobCommand> record) {
    Object command = record.value().getEvent();
    if (command instanceof CancelJob cancel) {
      context.forward(record.withKey(cancel.getJobId()).withValue((Object) new JobEvent(
          new JobCancelRequested(cancel.getJobId(), cancel.getRequestedAt(), cancel.getReason(),
          cancel.getFailJob()))), jobEventsSink);
      return;
    }
    if (!(command instanceof JobSubmitted submitted)) {
      return;
    }
    IngestOutcome outcome = ingestor.ingest(submitted, context.currentSystemTimeMs());
    if (outcome instanceof IngestOutcome.Accepted accepted) {
      // Partitions first: by the time the job is known as accepted, its graph is on its way.
      for (var partition : accepted.partitions()) {
        String key = DaglineTopics.partitionKey(partition.getJobId(), partition.getPartition());
        context.forward(record.withKey(key).withValue((Object) new PartitionEvent(partition)), partitionEventsSink);
      }
      context.forward(record.withKey(submitted.getJobId()).withValue((Object) new JobEvent(accepted.job())), jobEventsSink);
    } else if (outcome instanceof IngestOutcome.Rejected rejected) {
      context.forward(record.withKey(submitted.getJobId()).withValue((Object) new JobEvent(rejected.job())), jobEventsSink);
    }
  }
}
