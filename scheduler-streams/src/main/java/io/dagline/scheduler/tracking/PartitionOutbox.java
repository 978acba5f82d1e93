package io.dagline.scheduler.tracking;

import io.dagline.schemas.TaskResult;
import io.dagline.schemas.UpstreamCompleted;
import io.dagline.schemas.UpstreamFailed;

/** What the partition processor tells other partitions (its dispatches go through its {@code PartitionDispatcher}). */
public interface PartitionOutbox {

  /** A task finished whose successors live in another partition. */
  void upstreamCompleted(UpstreamCompleted completed);

  /** A task failed or was skipped whose successors live in another partition: they are skipped. */
  void upstreamFailed(UpstreamFailed failed);

  /** A task succeeded with a result (or a reference): it is published for the API. */
  void resultAccepted(TaskResult result);
}
