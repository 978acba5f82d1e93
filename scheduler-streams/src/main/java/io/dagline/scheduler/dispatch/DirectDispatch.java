package io.dagline.scheduler.dispatch;

import io.dagline.schemas.TaskDispatched;
import io.dagline.topics.DaglineTopics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches through a non-transactional producer shared by an instance's stream threads: executors see
 * a dispatch in milliseconds, before the transaction that decided it commits (decision 0018). A send the
 * producer gives up on (after its delivery timeout, e.g. while every broker is down) is tried again a
 * second later, until it succeeds or the instance stops: the scheduler's state already counts the attempt
 * as dispatched, so dropping the record would leave it waiting forever.
 */
public final class DirectDispatch implements DispatchChannel, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DirectDispatch.class);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final Producer<String, TaskDispatched> producer;
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "dagline-dispatch-retries");
    thread.setDaemon(true);
    return thread;
  });

  public DirectDispatch(Producer<String, TaskDispatched> producer) {
    this.producer = producer;
  }

  @Override
  public void send(TaskDispatched task) {
    String key = DaglineTopics.partitionKey(task.getAttempt().getJobId(), task.getAttempt().getPartition());
    producer.send(new ProducerRecord<>(DaglineTopics.tasksTopicName(task.getSite()), key, task), (metadata, error) -> {
      if (error != null && !retries.isShutdown()) {
        LOG.warn("dispatch of {} to site {} failed ({}); sending it again in {}", task.getAttempt(), task.getSite(),
            error.toString(), RETRY_AFTER);
        retries.schedule(() -> send(task), RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
      }
    });
  }

  @Override
  public boolean beforeCommit() {
    return true;
  }

  /** Call after the stream threads stopped: what they sent is delivered first. */
  @Override
  public void close() {
    retries.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }
}
