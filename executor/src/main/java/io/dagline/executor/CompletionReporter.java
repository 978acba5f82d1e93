package io.dagline.executor;

import io.dagline.schemas.DataReference;
import io.dagline.schemas.ExecutionPlacement;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.TaskCompleted;
import io.dagline.schemas.TaskDispatched;
import io.dagline.schemas.TaskFailed;
import io.dagline.schemas.TaskStarted;
import io.dagline.topics.DaglineTopics;
import io.dagline.topics.Topic;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Tells the scheduler what happened to an attempt, keyed by graph-partition key. The scheduler
 * ignores a second report of the same attempt, so reporting again after a crash is safe.
 */
final class CompletionReporter {

  private final Producer<String, PartitionEvent> producer;
  private final Topic<String, PartitionEvent> topic;
  private final ExecutionPlacement placement;

  CompletionReporter(Producer<String, PartitionEvent> producer, Topic<String, PartitionEvent> topic,
      ExecutionPlacement placement) {
    this.producer = producer;
    this.topic = topic;
    this.placement = placement;
  }

  /** Best effort: a lost start report only delays the RUNNING state in the status. */
  void started(TaskDispatched task, long startedAt) {
    send(task, new TaskStarted(task.getAttempt(), placement, startedAt));
  }

  /** Returns once the report is durable: only then may the task record be acknowledged. */
  void completed(TaskDispatched task, long startedAt, long finishedAt, FunctionResult result)
      throws ExecutionException, InterruptedException {
    DataReference reference = result.isReference()
        ? new DataReference(result.uri().toString(), result.sizeBytes(), result.site(), false) : null;
    send(task, new TaskCompleted(task.getAttempt(), placement, startedAt, finishedAt, result.value(), reference)).get();
  }

  /** A failed attempt; the task is retried (if it has attempts left) unless the failure is not {@code retryable}. */
  void failed(TaskDispatched task, long startedAt, long finishedAt, String error, boolean retryable)
      throws ExecutionException, InterruptedException {
    send(task, new TaskFailed(task.getAttempt(), placement, startedAt, finishedAt, error, retryable)).get();
  }

  void failed(TaskDispatched task, long startedAt, long finishedAt, String error) throws ExecutionException, InterruptedException {
    failed(task, startedAt, finishedAt, error, true);
  }

  private Future<RecordMetadata> send(TaskDispatched task, Object event) {
    String key = DaglineTopics.partitionKey(task.getAttempt().getJobId(), task.getAttempt().getPartition());
    return producer.send(new ProducerRecord<>(topic.name(), key, new PartitionEvent(event)));
  }
}
