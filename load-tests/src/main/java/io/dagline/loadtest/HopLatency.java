package io.dagline.loadtest;

import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskCompleted;
import io.dagline.schemas.TaskDispatched;
import io.dagline.serde.KafkaSchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.topics.DaglineTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dependency-hop latency under a steady, controlled load: jobs of independent chains are submitted at a fixed
 * rate so that tasks arrive at {@code targetRate} per second, then the hops are read back from the timestamps
 * Dagline already writes to its topics. For every chain task t(i) with i > 0 and its predecessor t(i-1):
 *
 * <ul>
 *   <li><b>completion</b> = t(i-1)'s {@code TaskCompleted.finishedAt}: the executor's clock when the function
 *       returned, before it sends the report;
 *   <li><b>ready</b> = t(i)'s {@code readyAt} (carried by its {@code TaskDispatched}): the partition processor's
 *       clock when it processed the completion and found t(i) ready;
 *   <li><b>dispatch</b> = t(i)'s {@code TaskDispatched.dispatchedAt}: the same processor's clock when it sent the
 *       record, in the same step unless the partition had no free credit. With dispatch before the commit (the
 *       default) executors see it at once; with DAGLINE_DISPATCH=transactional only once its transaction commits;
 *   <li><b>start</b> = t(i)'s {@code startedAt} (in its completion): the executor's clock when it began running the task,
 *       i.e. after the commit, the share-group fetch and the slot hand-over.
 * </ul>
 *
 * All four clocks are {@code System.currentTimeMillis()} of processes on the same host (Kafka Streams'
 * cached wall-clock time for the scheduler, refreshed every poll loop), so differences are meaningful to about
 * a millisecond. The hop of the issue is completion → dispatch; completion → start is what a user waits.
 */
final class HopLatency {

  static final int CHAIN_LENGTH = 10;

  /**
   * The four intervals of one run, and the load: offered = tasks submitted per second; achieved = tasks completed
   * per second between a quarter of the run and its last submission (the pipeline full, before it drains).
   */
  record Result(int jobs, int chainsPerJob, long periodMs, double offeredRate, double achievedRate, Latencies toReady,
      Latencies readyToDispatch, Latencies hop, Latencies toStart) {}

  private HopLatency() {}

  /** Enough chains per job that one POST per period keeps up (at least a job every 100 ms is easy for the gateway). */
  static int chainsPerJob(double targetRate) {
    return Math.max(2, (int) Math.ceil(targetRate / 100.0));
  }

  /** The submission period that brings {@code targetRate} tasks per second with jobs of {@code chains} chains. */
  static long periodMillis(double targetRate, int chains) {
    return Math.max(1, Math.round(1000.0 * chains * CHAIN_LENGTH / targetRate));
  }

  static Result run(BenchmarkJobs jobs, String bootstrapServers, String label, double targetRate, Duration duration)
      throws Exception {
    int chains = chainsPerJob(targetRate);
    long period = periodMillis(targetRate, chains);
    int jobCount = (int) Math.max(4, duration.toMillis() / period);
    List<String> jobIds = new ArrayList<>();
    for (int n = 0; n < jobCount; n++) {
      jobIds.add("hop-" + label + "-" + n);
    }
    AtomicInteger next = new AtomicInteger();
    long firstSubmit = System.currentTimeMillis();
    ScheduledExecutorService submitter = Executors.newSingleThreadScheduledExecutor();
    try {
      submitter.scheduleAtFixedRate(() -> {
        int n = next.getAndIncrement();
        if (n < jobCount) {
          jobs.submit(BenchmarkJobs.chains(jobIds.get(n), chains, CHAIN_LENGTH));
        }
      }, 0, period, TimeUnit.MILLISECONDS);
      while (next.get() < jobCount) {
        Thread.sleep(100);
      }
    } finally {
      submitter.shutdown();
      submitter.awaitTermination(1, TimeUnit.MINUTES);
    }
    long lastSubmit = System.currentTimeMillis();
    for (String jobId : jobIds) {
      jobs.awaitSucceeded(jobId, Duration.ofMinutes(10));
    }
    long steadyFrom = firstSubmit + (lastSubmit - firstSubmit) / 4;
    // The first tenth of the jobs warms the pipeline up to the steady rate; their hops are not counted.
    List<String> measured = jobIds.subList(jobCount / 10, jobCount);
    return analyse(bootstrapServers, jobIds, measured, chains, period, targetRate, steadyFrom, lastSubmit);
  }

  private static Result analyse(String bootstrapServers, List<String> allJobs, List<String> jobIds, int chains,
      long period, double offeredRate, long steadyFrom, long steadyUntil) {
    Set<String> wanted = new HashSet<>(allJobs);
    Map<String, TaskCompleted> completed = new HashMap<>();
    Map<String, TaskDispatched> dispatched = new HashMap<>();
    try (KafkaSchemaCatalog catalog = new KafkaSchemaCatalog(bootstrapServers, DaglineTopics.SCHEMAS)) {
      DaglineTopics topics = new DaglineTopics(WireFormat.singleObject(catalog));
      TopicReader.readAll(bootstrapServers, DaglineTopics.TASK_REPORTS,
          topics.partitionEvents.valueSerde().deserializer(), record -> {
            Object event = record.value() == null ? null : ((PartitionEvent) record.value()).getEvent();
            if (event instanceof TaskCompleted done && firstAttemptOf(done.getAttempt(), wanted)) {
              completed.putIfAbsent(key(done.getAttempt()), done);
            }
          });
      TopicReader.readAll(bootstrapServers, DaglineTopics.tasksTopicName("default"),
          topics.tasks("default").valueSerde().deserializer(), record -> {
            TaskDispatched task = record.value();
            if (task != null && firstAttemptOf(task.getAttempt(), wanted)) {
              dispatched.putIfAbsent(key(task.getAttempt()), task);
            }
          });
    }
    Latencies toReady = new Latencies();
    Latencies readyToDispatch = new Latencies();
    Latencies hop = new Latencies();
    Latencies toStart = new Latencies();
    for (String jobId : jobIds) {
      for (int c = 0; c < chains; c++) {
        for (int i = 1; i < CHAIN_LENGTH; i++) {
          TaskCompleted predecessor = completed.get(jobId + "/" + BenchmarkJobs.chainTaskId(c, i - 1));
          TaskDispatched successor = dispatched.get(jobId + "/" + BenchmarkJobs.chainTaskId(c, i));
          // A completion carries its start: executors report a start on its own only for long attempts.
          TaskCompleted successorStart = completed.get(jobId + "/" + BenchmarkJobs.chainTaskId(c, i));
          if (predecessor == null || successor == null || successorStart == null) {
            throw new IllegalStateException("no record of hop " + jobId + " c" + c + " t" + i);
          }
          long completion = predecessor.getFinishedAt();
          toReady.record(successor.getReadyAt() - completion);
          readyToDispatch.record(successor.getDispatchedAt() - successor.getReadyAt());
          hop.record(successor.getDispatchedAt() - completion);
          toStart.record(successorStart.getStartedAt() - completion);
        }
      }
    }
    long completedWhileSteady = completed.values().stream()
        .filter(done -> done.getFinishedAt() >= steadyFrom && done.getFinishedAt() < steadyUntil).count();
    double achieved = completedWhileSteady * 1000.0 / Math.max(1, steadyUntil - steadyFrom);
    return new Result(jobIds.size(), chains, period, offeredRate, achieved, toReady, readyToDispatch, hop, toStart);
  }

  private static boolean firstAttemptOf(TaskAttempt attempt, Set<String> jobIds) {
    return attempt.getAttempt() == 1 && jobIds.contains(attempt.getJobId());
  }

  private static String key(TaskAttempt attempt) {
    return attempt.getJobId() + "/" + attempt.getTaskId();
  }
}
