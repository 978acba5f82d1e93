package io.dagline.ingest;

import io.dagline.schemas.GraphPartitionCreated;
import io.dagline.schemas.JobAccepted;
import io.dagline.schemas.JobRejected;
import java.util.List;

/** What ingesting one submitted job produced: an accepted, partitioned graph, or a rejection. */
public sealed interface IngestOutcome {

  record Accepted(JobAccepted job, List<GraphPartitionCreated> partitions) implements IngestOutcome {}

  record Rejected(JobRejected job) implements IngestOutcome {}
}
