package io.dagline.scheduler.dispatch;

import io.dagline.schemas.TaskDispatched;
import io.dagline.topics.DaglineTopics;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * How a partition processor hands an attempt to its site's executors (decision 0018): inside the
 * scheduler's exactly-once transaction, visible once it commits, or straight through a producer of
 * its own, visible in milliseconds whether or not the transaction that decided it commits.
 */
public interface DispatchChannel {

  void send(TaskDispatched task);

  /**
   * Whether executors may see a dispatch before the state that decided it is committed. Then a
   * dispatch can be lost with a crash after the commit and before the send completes, so a restored
   * partition dispatches its dispatched-and-not-started attempts again.
   */
  boolean beforeCommit();

  /** Makes the channel of one stream task. */
  interface Factory {
    DispatchChannel open(ProcessorContext<String, Object> context);
  }

  /** Through the stream task's sink, in its transaction. */
  static Factory inTransaction(String sink) {
    return context -> new DispatchChannel() {
      @Override
      public void send(TaskDispatched task) {
        context.forward(new Record<>(key(task), (Object) task, task.getDispatchedAt()), sink);
      }

      @Override
      public boolean beforeCommit() {
        return false;
      }
    };
  }

  /** The same channel for every stream task, e.g. a {@link DirectDispatch}. */
  static Factory shared(DispatchChannel channel) {
    return context -> channel;
  }

  private static String key(TaskDispatched task) {
    return DaglineTopics.partitionKey(task.getAttempt().getJobId(), task.getAttempt().getPartition());
  }
}
