package io.dagline.executor;

import io.dagline.schemas.DataReference;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskDispatched;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One slot of an executor: its own share consumer that takes one task at a time, runs it, reports
 * the outcome and only then accepts the record. If the executor dies first, the record's lock times
 * out and another executor gets it. While a task polled alone runs, this thread renews the record's
 * lock every half lock duration ({@link LockRenewal}), so a task longer than the lock is not delivered
 * again while it runs.
 *
 * <p>The function runs on a runner thread while this thread waits for it, so that an attempt can be
 * interrupted: when it runs past its {@code timeoutMs} (reported as failed, "timed out after N ms")
 * or when its job is stopped (reported as failed; the scheduler has already ended the task and
 * ignores the report). A record that cannot be decoded goes to the dead-letter topic and is
 * rejected.
 *
 * <p>A record that names this executor among the excluded ones (a task failed here before, or the
 * scheduler excluded this executor) is released to another consumer of the share group, and all
 * slots of this executor pause so that none of them takes the record straight back: the pause doubles
 * with each delivery (0.5, 1, 2 s by default), because a record that came back means the other
 * executors were busy or slow to fetch. From its
 * {@code runExcludedFromDelivery}-th delivery on it is run anyway: every delivery counts towards the
 * broker's delivery limit, after which the record would be archived and the attempt never run.
 */
final class SlotWorker implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(SlotWorker.class);

  /** The attempt this slot runs now. */
  private record Running(TaskAttempt attempt, Future<FunctionResult> future) {}

  private final ShareConsumer<String, byte[]> consumer;
  private final Deserializer<TaskDispatched> tasks;
  private final FunctionRegistry functions;
  private final CompletionReporter reporter;
  private final StartReports starts;
  private final DeadLetters deadLetters;
  private final ExecutorService runners;
  private final Predicate<String> isJobStopped;
  private final double speed;
  private final AtomicInteger busy;
  private final ExecutorMetrics metrics;
  private final String executorId;
  private final int runExcludedFromDelivery;
  private final Duration pauseAfterRelease;
  /** Shared by the executor's slots: none polls before then. */
  private final AtomicLong pausedUntil;
  /** The highest delivery count of a record this slot released as excluded since it last paused (0: none). */
  private final AtomicInteger releasedAtDelivery = new AtomicInteger();
  /** Partition and offset of the last record this slot ran and reported but could not acknowledge (its lock lapsed). */
  private final long[] reportedButNotAcknowledged = {-1, -1};
  private final Set<Running> running = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;
  private volatile boolean polling;

  SlotWorker(ShareConsumer<String, byte[]> consumer, Deserializer<TaskDispatched> tasks, FunctionRegistry functions,
      CompletionReporter reporter, StartReports starts, DeadLetters deadLetters, ExecutorService runners, Predicate<String> isJobStopped,
      double speed, AtomicInteger busy, ExecutorMetrics metrics, String executorId, int runExcludedFromDelivery,
      Duration pauseAfterRelease, AtomicLong pausedUntil) {
    this.consumer = consumer;
    this.tasks = tasks;
    this.functions = functions;
    this.reporter = reporter;
    this.starts = starts;
    this.deadLetters = deadLetters;
    this.runners = runners;
    this.isJobStopped = isJobStopped;
    this.speed = speed;
    this.busy = busy;
    this.metrics = metrics;
    this.executorId = executorId;
    this.runExcludedFromDelivery = runExcludedFromDelivery;
    this.pauseAfterRelease = pauseAfterRelease;
    this.pausedUntil = pausedUntil;
  }

  /** Whether this slot's loop runs: its consumer is subscribed and takes tasks. */
  boolean isPolling() {
    return polling;
  }

  /** The attempts this slot has started and not yet finished, for the heartbeat. */
  List<TaskAttempt> runningAttempts() {
    return running.stream().map(Running::attempt).toList();
  }

  void stop() {
    stopping = true;
    consumer.wakeup();
  }

  /** Interrupts the running attempts that belong to the job. */
  void jobStopped(String jobId) {
    for (Running attempt : running) {
      if (attempt.attempt().getJobId().equals(jobId)) {
        LOG.info("interrupting a running attempt of stopped job {}", jobId);
        attempt.future().cancel(true);
      }
    }
  }

  @Override
  public void run() {
    polling = true;
    try {
      while (!stopping) {
        long pause = pausedUntil.get() - System.currentTimeMillis();
        if (pause > 0) {
          Thread.sleep(pause);
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (records.count() == 1) {
          handleAlone(records.iterator().next());
        } else if (records.count() > 1) {
          handleBatch(records);
        }
        int delivery = releasedAtDelivery.getAndSet(0);
        if (delivery > 0) {
          long pauseMs = pauseAfterRelease.toMillis() << Math.min(delivery - 1, 6);
          pausedUntil.accumulateAndGet(System.currentTimeMillis() + pauseMs, Math::max);
          consumer.commitSync(); // the release reaches the broker now, not with the next poll
        }
      }
    } catch (WakeupException | InterruptException e) {
      // stopping
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // stopping
    } catch (RuntimeException e) {
      LOG.error("slot worker stopped by an unexpected error", e);
    } finally {
      polling = false;
      // Closing releases any record not yet accepted, so another executor gets it at once.
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Runs a record polled alone, renewing its lock while it runs, then accepts or releases it. A record
   * this slot already ran and reported, whose lock renewal was not confirmed in time and which came back
   * later, is accepted without running again.
   */
  private void handleAlone(ConsumerRecord<String, byte[]> record) {
    if (record.partition() == reportedButNotAcknowledged[0] && record.offset() == reportedButNotAcknowledged[1]) {
      consumer.acknowledge(record, AcknowledgeType.ACCEPT);
      return;
    }
    LockRenewal renewal = new LockRenewal(consumer, record);
    AcknowledgeType outcome = handle(record, renewal);
    if (renewal.held()) {
      consumer.acknowledge(record, outcome);
    } else {
      reportedButNotAcknowledged[0] = record.partition();
      reportedButNotAcknowledged[1] = record.offset();
    }
  }

  /**
   * Runs a batch at once; the share consumer acknowledges, on this thread, each record as its attempt
   * ends, and polls again only when all have ended (explicit acknowledgement requires it).
   */
  private void handleBatch(ConsumerRecords<String, byte[]> records) {
    List<Map.Entry<ConsumerRecord<String, byte[]>, Future<AcknowledgeType>>> pending = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      pending.add(Map.entry(record, runners.submit(() -> handle(record, null))));
    }
    for (var entry : pending) {
      AcknowledgeType outcome;
      try {
        outcome = entry.getValue().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
        outcome = AcknowledgeType.RELEASE;
      } catch (ExecutionException e) {
        LOG.warn("a task attempt ended unexpectedly; releasing it for another attempt", e.getCause());
        outcome = AcknowledgeType.RELEASE;
      }
      consumer.acknowledge(entry.getKey(), outcome);
    }
  }

  /**
   * Decodes, runs and reports one task; answers how its record is to be acknowledged. {@code renewal}:
   * how this thread keeps the record's lock while the task runs (null: it cannot, the task runs in a batch).
   */
  private AcknowledgeType handle(ConsumerRecord<String, byte[]> record, LockRenewal renewal) {
    TaskDispatched task;
    try {
      task = tasks.deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      LOG.warn("rejecting an undecodable task record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      deadLetter(record, e);
      return AcknowledgeType.REJECT;
    }
    int delivery = record.deliveryCount().orElse((short) 1);
    if (delivery > 1) {
      LOG.info("task {}/{} attempt {} delivered again (delivery {})", task.getAttempt().getJobId(),
          task.getAttempt().getTaskId(), task.getAttempt().getAttempt(), delivery);
    }
    if (isExcludedHere(task, delivery)) {
      LOG.info("releasing task {}/{} attempt {}: executor {} is excluded for it (delivery {})",
          task.getAttempt().getJobId(), task.getAttempt().getTaskId(), task.getAttempt().getAttempt(), executorId,
          delivery);
      releasedAtDelivery.accumulateAndGet(delivery, Math::max);
      return AcknowledgeType.RELEASE;
    }
    busy.incrementAndGet();
    try {
      execute(task, renewal);
      return AcknowledgeType.ACCEPT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
      return AcknowledgeType.RELEASE;
    } catch (ExecutionException e) {
      LOG.warn("could not report task {}; releasing it for another attempt", task.getAttempt(), e.getCause());
      return AcknowledgeType.RELEASE;
    } finally {
      busy.decrementAndGet();
    }
  }

  private boolean isExcludedHere(TaskDispatched task, int delivery) {
    return task.getExcludedExecutors().contains(executorId) && delivery < runExcludedFromDelivery;
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException e) {
    String reason = e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause());
    try {
      deadLetters.send(record, reason);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException failed) {
      LOG.error("could not write the dead letter of {}-{}@{}; rejecting it anyway", record.topic(), record.partition(),
          record.offset(), failed);
    }
  }

  private void execute(TaskDispatched task, LockRenewal renewal) throws InterruptedException, ExecutionException {
    var attempt = task.getAttempt();
    long startedAt = System.currentTimeMillis();
    if (isJobStopped.test(attempt.getJobId())) {
      reporter.failed(task, startedAt, startedAt, "not run: job " + attempt.getJobId() + " was stopped");
      return;
    }
    Runnable ended = starts.started(task, startedAt);
    TaskFunction function = functions.find(task.getFunction());
    // Not the requested name: an unknown one must not add a time series per typo.
    String functionTag = function == null ? "unknown" : task.getFunction();
    metrics.taskStarted(functionTag);
    long startNanos = System.nanoTime();
    boolean succeeded = false;
    try {
      succeeded = run(task, function, startedAt, renewal);
    } finally {
      ended.run();
      metrics.taskFinished(functionTag, succeeded, Duration.ofNanos(System.nanoTime() - startNanos));
    }
  }

  /** Runs the attempt and reports its outcome; answers whether its function returned. */
  private boolean run(TaskDispatched task, TaskFunction function, long startedAt, LockRenewal renewal)
      throws InterruptedException, ExecutionException {
    var attempt = task.getAttempt();
    if (function == null) {
      reporter.failed(task, startedAt, System.currentTimeMillis(),
          "unknown function \"" + task.getFunction() + "\"; this executor has " + functions.names());
      return false;
    }
    TaskInvocation invocation = new TaskInvocation(attempt.getJobId(), attempt.getTaskId(), attempt.getAttempt(),
        task.getArgs(), inputsOf(task), speed, executorId);
    Future<FunctionResult> future = runners.submit(() -> function.run(invocation));
    Running thisAttempt = new Running(attempt, future);
    running.add(thisAttempt);
    if (isJobStopped.test(attempt.getJobId())) {
      future.cancel(true); // stopped while this attempt was being started
    }
    FunctionResult result;
    try {
      Long timeoutMs = task.getTimeoutMs();
      result = awaitResult(future, timeoutMs, renewal);
    } catch (TimeoutException e) {
      future.cancel(true);
      reporter.failed(task, startedAt, System.currentTimeMillis(), "timed out after " + task.getTimeoutMs() + " ms");
      return false;
    } catch (CancellationException e) {
      reporter.failed(task, startedAt, System.currentTimeMillis(),
          "interrupted: job " + attempt.getJobId() + " was stopped");
      return false;
    } catch (ExecutionException e) {
      reporter.failed(task, startedAt, System.currentTimeMillis(), describe(e.getCause()),
          !(e.getCause() instanceof PermanentFailureException));
      return false;
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } finally {
      running.remove(thisAttempt);
    }
    if (result == null) {
      result = FunctionResult.none();
    }
    if (result.inlineBytes() > FunctionResult.INLINE_LIMIT_BYTES) {
      reporter.failed(task, startedAt, System.currentTimeMillis(), "result of " + result.inlineBytes()
          + " bytes is over the inline limit of " + FunctionResult.INLINE_LIMIT_BYTES
          + " bytes: return a reference (FunctionResult.reference) to data kept elsewhere", false);
      return false;
    }
    reporter.completed(task, startedAt, System.currentTimeMillis(), result);
    return true;
  }

  /** The function's result, within {@code timeoutMs} (null: no limit), renewing the record's lock meanwhile. */
  private static FunctionResult awaitResult(Future<FunctionResult> future, Long timeoutMs, LockRenewal renewal)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = timeoutMs == null ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMs;
    while (true) {
      long untilDeadline = deadline - System.currentTimeMillis();
      long wait = renewal == null ? untilDeadline : Math.min(untilDeadline, renewal.untilNextTickMs());
      try {
        return future.get(Math.max(0, wait), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (System.currentTimeMillis() >= deadline) {
          throw e;
        }
        if (renewal != null) {
          renewal.tick();
        }
      }
    }
  }

  private static Map<String, FunctionResult> inputsOf(TaskDispatched task) {
    if (task.getInputs().isEmpty()) {
      return Map.of();
    }
    Map<String, FunctionResult> inputs = new HashMap<>();
    task.getInputs().forEach((dependency, output) -> {
      DataReference reference = output.getResultRef();
      inputs.put(dependency, reference == null ? FunctionResult.of(output.getResult())
          : FunctionResult.reference(URI.create(reference.getUri()), reference.getSizeBytes(), reference.getSite()));
    });
    return inputs;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if (e instanceof PermanentFailureException || e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
      return message == null ? e.getClass().getSimpleName() : message;
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
