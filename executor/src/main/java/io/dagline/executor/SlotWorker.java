package io.dagline.executor;

import io.dagline.schemas.TaskDispatched;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One slot of an executor: its own share consumer that takes one task at a time, runs it, reports
 * the outcome and only then accepts the record. If the executor dies first, the record's lock times
 * out and another executor gets it.
 */
final class SlotWorker implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(SlotWorker.class);

  private final ShareConsumer<String, byte[]> consumer;
  private final Deserializer<TaskDispatched> tasks;
  private final FunctionRegistry functions;
  private final CompletionReporter reporter;
  private final double speed;
  private final AtomicInteger busy;
  private volatile boolean stopping;

  SlotWorker(ShareConsumer<String, byte[]> consumer, Deserializer<TaskDispatched> tasks, FunctionRegistry functions,
      CompletionReporter reporter, double speed, AtomicInteger busy) {
    this.consumer = consumer;
    this.tasks = tasks;
    this.functions = functions;
    this.reporter = reporter;
    this.speed = speed;
    this.busy = busy;
  }

  void stop() {
    stopping = true;
    consumer.wakeup();
  }

  @Override
  public void run() {
    try {
      while (!stopping) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          handle(record);
        }
      }
    } catch (WakeupException | InterruptException e) {
      // stopping
    } catch (RuntimeException e) {
      LOG.error("slot worker stopped by an unexpected error", e);
    } finally {
      // Closing releases any record not yet accepted, so another executor gets it at once.
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    TaskDispatched task;
    try {
      task = tasks.deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      LOG.warn("rejecting an undecodable task record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      consumer.acknowledge(record, AcknowledgeType.REJECT);
      return;
    }
    if (record.deliveryCount().orElse((short) 1) > 1) {
      LOG.info("task {}/{} attempt {} delivered again (delivery {})", task.getAttempt().getJobId(),
          task.getAttempt().getTaskId(), task.getAttempt().getAttempt(), record.deliveryCount().get());
    }
    busy.incrementAndGet();
    try {
      execute(task);
      consumer.acknowledge(record, AcknowledgeType.ACCEPT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      consumer.acknowledge(record, AcknowledgeType.RELEASE);
      stopping = true;
    } catch (ExecutionException e) {
      LOG.warn("could not report task {}; releasing it for another attempt", task.getAttempt(), e.getCause());
      consumer.acknowledge(record, AcknowledgeType.RELEASE);
    } finally {
      busy.decrementAndGet();
    }
  }

  private void execute(TaskDispatched task) throws InterruptedException, ExecutionException {
    long startedAt = System.currentTimeMillis();
    reporter.started(task, startedAt);
    TaskFunction function = functions.find(task.getFunction());
    if (function == null) {
      reporter.failed(task, startedAt, System.currentTimeMillis(),
          "unknown function \"" + task.getFunction() + "\"; this executor has " + functions.names());
      return;
    }
    var attempt = task.getAttempt();
    TaskInvocation invocation = new TaskInvocation(attempt.getJobId(), attempt.getTaskId(), attempt.getAttempt(),
        Map.copyOf(task.getArgs()), speed);
    String result;
    try {
      result = function.run(invocation);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      reporter.failed(task, startedAt, System.currentTimeMillis(), describe(e));
      return;
    }
    reporter.completed(task, startedAt, System.currentTimeMillis(), result);
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
