package io.dagline.scheduler.tracking;

import io.dagline.schemas.AttemptsWithdrawn;
import io.dagline.schemas.SlotReleased;
import io.dagline.schemas.TaskReady;
import io.dagline.schemas.UpstreamCompleted;
import io.dagline.schemas.UpstreamFailed;

/** What the level-1 scheduler tells the rest of the pipeline. */
public interface PartitionOutbox {

  /** A task may run: to its site's ready queue. */
  void ready(TaskReady ready);

  /** An attempt ended: its site gets the slot back. */
  void slotReleased(SlotReleased released);

  /** A stopped job's attempts at one site: out of the queue, or their slots back. */
  void withdrawn(AttemptsWithdrawn withdrawn);

  /** A task finished whose successors live in another partition. */
  void upstreamCompleted(UpstreamCompleted completed);

  /** A task failed or was skipped whose successors live in another partition: they are skipped. */
  void upstreamFailed(UpstreamFailed failed);
}
