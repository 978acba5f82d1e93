package io.dagline.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagline.embedded.DaglineStack;
import io.dagline.embedded.JavaProcess;
import io.dagline.embedded.KafkaBrokerProcess;
import io.dagline.embedded.SchedulerProcesses;
import io.dagline.embedded.TaskTimeline;
import io.dagline.topics.TopicLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The scheduler benchmark of the HA issue: no-op tasks end to end (HTTP submit → ingest → level 1 →
 * level 2 → share-group executors → completion → job SUCCEEDED) on one machine, with a Kafka broker
 * process, scheduler processes and two executors. Prints one Markdown row per scenario.
 *
 * <p>Usage: {@code bin/benchmark-scheduler [tasks] [scenario...]}; scenarios: {@code memory-1} (the
 * non-replicated baseline: in-memory stores without changelogs, at-least-once), {@code eos-1}, {@code eos-2},
 * {@code eos-4} (RocksDB, changelogs, exactly-once, 1/2/4 instances), {@code failover}, {@code failover-fast}.
 */
public final class SchedulerBenchmark {

  private record Scenario(String name, int instances, boolean exactlyOnce, String stores, boolean killDispatcher,
      String failover) {

    String guarantee() {
      return (exactlyOnce ? "exactly-once v2" : "at-least-once")
          + (stores.equals("memory") ? ", in memory, no changelog" : ", RocksDB + changelog");
    }
  }

  private static final List<Scenario> ALL = List.of(
      new Scenario("memory-1", 1, false, "memory", false, "safe"),
      new Scenario("eos-1", 1, true, "rocksdb", false, "safe"),
      new Scenario("eos-2", 2, true, "rocksdb", false, "safe"),
      new Scenario("eos-4", 4, true, "rocksdb", false, "safe"),
      new Scenario("failover", 2, true, "rocksdb", true, "safe"),
      new Scenario("failover-fast", 2, true, "rocksdb", true, "fast"));

  private SchedulerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    List<String> chosen = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
    int executors = Integer.parseInt(System.getenv().getOrDefault("DAGLINE_BENCH_EXECUTORS", "2"));
    int slots = Integer.parseInt(System.getenv().getOrDefault("DAGLINE_BENCH_SLOTS", "32"));
    int tasksPerPoll = Integer.parseInt(System.getenv().getOrDefault("DAGLINE_BENCH_TASKS_PER_POLL", "1"));
    System.out.printf("| scenario | scheduler instances | guarantee | tasks | submit→done (ms) | tasks/s | first start→last finish tasks/s | notes |%n");
    System.out.printf("|---|---:|---|---:|---:|---:|---:|---|%n");
    int port = 29092;
    for (Scenario scenario : ALL) {
      if (!chosen.isEmpty() && !chosen.contains(scenario.name())) {
        continue;
      }
      run(scenario, tasks, executors, slots, tasksPerPoll, port);
      port += 10;
    }
    // Micronaut's io-executor thread outlives the gateway's closed context and would keep the JVM alive.
    System.exit(0);
  }

  private static void run(Scenario scenario, int taskCount, int executors, int slots, int tasksPerPoll, int port)
      throws Exception {
    Path dir = Files.createTempDirectory("dagline-bench-" + scenario.name());
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(Path.of("kafka-broker/target/lib"), dir.resolve("kafka"),
        port, port + 1, Duration.ofSeconds(90))) {
      List<JavaProcess> schedulers = new ArrayList<>();
      try (DaglineStack stack = DaglineStack.start(DaglineStack.Options.local(broker.bootstrapServers(), dir, -1)
          .withTopics(TopicLayout.singleBroker(8)).withExecutors(executors, slots, tasksPerPoll).withoutScheduler())) {
        for (int i = 1; i <= scenario.instances(); i++) {
          schedulers.add(SchedulerProcesses.start("scheduler-" + i, broker.bootstrapServers(), dir,
              1, scenario.instances() > 1 ? 1 : 0, scenario.exactlyOnce(), scenario.failover(), scenario.stores(),
              dir.resolve("logs")));
        }
        for (JavaProcess scheduler : schedulers) {
          if (!scheduler.awaitReady(Duration.ofSeconds(120))) {
            throw new IllegalStateException(scheduler + " did not start; see " + scheduler.log());
          }
        }
        BenchmarkJobs jobs = new BenchmarkJobs(stack.gatewayUri());
        jobs.submit(BenchmarkJobs.independentNoops("warm-up", 1_000));
        jobs.awaitSucceeded("warm-up", Duration.ofMinutes(5));

        String jobId = "bench-" + scenario.name();
        jobs.submit(BenchmarkJobs.independentNoops(jobId, taskCount));
        String notes = "";
        if (scenario.killDispatcher()) {
          notes = killDispatcherMidJob(broker, schedulers, jobs, jobId, taskCount);
        }
        JsonNode done = jobs.awaitSucceeded(jobId, Duration.ofMinutes(20));
        long submitToDone = BenchmarkJobs.millisBetween(done, "submittedAt", "finishedAt");
        long startToDone = BenchmarkJobs.millisBetween(done, "startedAt", "finishedAt");
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d | %.0f | %.0f | %s |%n", scenario.name(),
            scenario.instances(), scenario.guarantee(), taskCount,
            submitToDone, taskCount * 1000.0 / submitToDone, taskCount * 1000.0 / startToDone, notes);
      } finally {
        schedulers.forEach(JavaProcess::close);
      }
    }
  }

  /** Kills the instance holding the dispatcher at a third of the job; reports the pause in task starts. */
  private static String killDispatcherMidJob(KafkaBrokerProcess broker, List<JavaProcess> schedulers,
      BenchmarkJobs jobs, String jobId, int taskCount) throws Exception {
    while (jobs.succeeded(jobId) < taskCount / 3) {
      Thread.sleep(100);
    }
    String owner;
    try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      owner = SchedulerProcesses.dispatcherOwner(admin, "dagline-scheduler", "default").orElseThrow();
    }
    JavaProcess victim = schedulers.stream().filter(s -> s.name().equals(owner)).findFirst().orElseThrow();
    long killedAt = System.currentTimeMillis();
    victim.kill();
    jobs.awaitSucceeded(jobId, Duration.ofMinutes(20));
    long longestPause = TaskTimeline.of(jobs.tasks(jobId)).longestStartGapAfter(killedAt);
    return String.format(Locale.ROOT, "SIGKILL of %s (dispatcher owner) at %d tasks done: longest pause in task starts %d ms",
        owner, taskCount / 3, longestPause);
  }
}
