package io.dagline.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagline.embedded.DaglineStack;
import io.dagline.embedded.JavaProcess;
import io.dagline.embedded.KafkaProcessCluster;
import io.dagline.embedded.SchedulerProcesses;
import io.dagline.embedded.TaskTimeline;
import io.dagline.topics.DaglineTopics;
import io.dagline.topics.TopicLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The scheduler benchmark of the HA issue and issue 8: no-op tasks end to end (HTTP submit → ingest → level 1 →
 * level 2 → share-group executors → completion → job SUCCEEDED) on one machine, with a Kafka broker process,
 * scheduler processes, two executors and the gateway. Prints Markdown tables, with the 1-minute load average
 * next to every result.
 *
 * <p>Usage: {@code bin/benchmark-scheduler [tasks] [scenario...]} (default: 5,000 tasks, every scenario).
 * Throughput scenarios, each on a fresh stack: {@code memory-1} (the non-replicated baseline: in-memory stores
 * without changelogs, at-least-once), {@code eos-1}, {@code eos-2}, {@code eos-4} (RocksDB, changelogs,
 * exactly-once, 1/2/4 instances), {@code failover}, {@code failover-fast}, {@code broker-failover} (three brokers, the
 * task topic's leader SIGKILLed). Measures of issue 8, run on the
 * {@code eos-1} stack (or the {@code memory-1} stack for the {@code -alos} variants) after its throughput run;
 * {@code capped-1}, {@code capped-2}, {@code capped-4}: each instance in a cgroup of its own held to
 * DAGLINE_BENCH_CPU_QUOTA cores (0.1), so instances, not the machine, limit throughput (needs root):
 * {@code raw-kafka} (a Kafka-only loop on the same broker, and Dagline ÷ raw; implies memory-1 and eos-1),
 * {@code hop-latency}/{@code hop-latency-alos} (dependency-hop percentiles at half the stack's measured maximum),
 * {@code chain}/{@code chain-alos} (wall time of a 100-task chain), {@code ingest-100k} (a 100,000-task DAG from
 * POST to partitioned) and {@code state-size} (scheduler heap and state bytes per task with that DAG in flight).
 *
 * <p>Environment: DAGLINE_BENCH_EXECUTORS (2), DAGLINE_BENCH_SLOTS (32), DAGLINE_BENCH_TASKS_PER_POLL (1),
 * DAGLINE_BENCH_HOP_SECONDS (40), DAGLINE_BENCH_MAX_RATE (the max to halve when the stack's throughput
 * scenario did not run), DAGLINE_BENCH_CHAIN_RUNS (1), DAGLINE_BENCH_LARGE_TASKS (100000).
 */
public final class SchedulerBenchmark {

  private record StackConfig(String name, int instances, boolean exactlyOnce, String stores, String failover,
      boolean capped, int brokers) {

    StackConfig(String name, int instances, boolean exactlyOnce, String stores, String failover) {
      this(name, instances, exactlyOnce, stores, failover, false, 1);
    }

    StackConfig(String name, int instances, boolean exactlyOnce, String stores, String failover, boolean capped) {
      this(name, instances, exactlyOnce, stores, failover, capped, 1);
    }

    String guarantee() {
      return (exactlyOnce ? "exactly-once v2" : "at-least-once")
          + (stores.equals("memory") ? ", in memory, no changelog" : ", RocksDB + changelog");
    }
  }

  private static final List<StackConfig> STACKS = List.of(
      new StackConfig("memory-1", 1, false, "memory", "safe"),
      new StackConfig("eos-1", 1, true, "rocksdb", "safe"),
      new StackConfig("eos-2", 2, true, "rocksdb", "safe"),
      new StackConfig("eos-4", 4, true, "rocksdb", "safe"),
      new StackConfig("failover", 2, true, "rocksdb", "safe"),
      new StackConfig("failover-fast", 2, true, "rocksdb", "fast"),
      new StackConfig("broker-failover", 2, true, "rocksdb", "safe", false, 3),
      new StackConfig("capped-1", 1, true, "rocksdb", "safe", true),
      new StackConfig("capped-2", 2, true, "rocksdb", "safe", true),
      new StackConfig("capped-4", 4, true, "rocksdb", "safe", true));

  /** Measures run on the memory-1 / eos-1 stacks, after the throughput run when that is chosen too. */
  private static final List<String> ALOS_MEASURES = List.of("raw-kafka", "hop-latency-alos", "chain-alos");
  private static final List<String> EOS_MEASURES = List.of("raw-kafka", "hop-latency", "chain", "ingest-100k", "state-size");

  private static final String APPLICATION_ID = "dagline-scheduler";
  private static final int CHAIN_TASKS = 100;

  private final int tasks;
  private final int executors = envInt("DAGLINE_BENCH_EXECUTORS", 2);
  private final int slots = envInt("DAGLINE_BENCH_SLOTS", 32);
  private final int tasksPerPoll = envInt("DAGLINE_BENCH_TASKS_PER_POLL", 1);
  private final Set<String> chosen;
  private final MarkdownTables out = new MarkdownTables();

  private SchedulerBenchmark(int tasks, Set<String> chosen) {
    this.tasks = tasks;
    this.chosen = chosen;
    out.define("throughput", "Sustained no-op throughput",
        "scenario", "#scheduler instances", "guarantee", "#tasks", "#submit→done (ms)", "#tasks/s",
        "#first start→last finish tasks/s", "#scheduler CPU per task (ms)", "#load avg (1 min)", "notes");
    out.define("scaling", "Scheduler instances, each held to the same CPU quota in its own cgroup (exactly-once, RocksDB)",
        "#scheduler instances", "#CPU quota per instance (cores)", "#tasks", "#submit→done (ms)", "#tasks/s",
        "#÷ 1 instance", "#periods throttled (mean of instances)", "#scheduler CPU per task (ms)", "#load avg (1 min)");
    out.define("raw", "Raw Kafka loop on the same broker (produce → consume → produce)",
        "guarantee", "#tokens in flight", "#round trips", "#round trips/s", "round trip p50 / p95 / p99 / max (ms)",
        "#Dagline tasks/s (same broker)", "#Dagline ÷ raw", "#load avg (1 min)");
    out.define("hop", "Dependency-hop latency at about half the measured maximum (jobs of independent chains of "
            + HopLatency.CHAIN_LENGTH + " no-ops, posted at a fixed rate)",
        "guarantee", "#hops measured", "#offered tasks/s (½ max)", "#achieved tasks/s", "submission",
        "completion → ready p50 / p95 / p99 / max (ms)", "ready → dispatch", "**completion → dispatch (the hop)**",
        "completion → successor start", "#load avg (1 min)");
    out.define("chain", "Wall time of a " + CHAIN_TASKS + "-task chain (idle stack)",
        "guarantee", "#tasks", "#submitted → finished (ms)", "#first start → last finish (ms)",
        "#per hop (ms)", "#load avg (1 min)");
    out.define("ingest", "Ingest of a large DAG",
        "#tasks", "#body (MB)", "#graph partitions", "#POST → 202 (ms)", "#POST → all GraphPartitionCreated read (ms)",
        "#POST → last createdAt (ms)", "#POST → status counts all tasks (ms)", "#load avg (1 min)");
    out.define("state", "Scheduler footprint per task in flight (one scheduler, exactly-once, RocksDB)",
        "#tasks in flight", "#heap after GC, before → after (MB)", "#heap per task (bytes)",
        "#process RSS, before → after (MB)", "#RSS per task (bytes)", "#changelogs, before → after (MB)",
        "#changelog per task (bytes)", "#SST files, before → after clean close (MB)", "#SST per task (bytes)",
        "#load avg (1 min)");
    out.define("errors", "Measures that failed", "stack", "measure", "error");
  }

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    Set<String> chosen = new LinkedHashSet<>(args.length > 1 ? List.of(args).subList(1, args.length) : allScenarios());
    for (String name : chosen) {
      if (!allScenarios().contains(name)) {
        throw new IllegalArgumentException("unknown scenario " + name + "; known: " + allScenarios());
      }
    }
    if (chosen.contains("raw-kafka")) {
      // The ratio needs Dagline's own rate, measured on the same broker.
      chosen.add("memory-1");
      chosen.add("eos-1");
    }
    new SchedulerBenchmark(tasks, chosen).runAll();
    // Micronaut's io-executor thread outlives the gateway's closed context and would keep the JVM alive.
    System.exit(0);
  }

  private static List<String> allScenarios() {
    List<String> all = new ArrayList<>(STACKS.stream().map(StackConfig::name).toList());
    all.addAll(List.of("raw-kafka", "hop-latency", "hop-latency-alos", "chain", "chain-alos", "ingest-100k", "state-size"));
    return all;
  }

  private void runAll() throws Exception {
    System.err.printf("[benchmark] %d tasks, %d executors × %d slots, %d tasks per poll; scenarios %s%n", tasks,
        executors, slots, tasksPerPoll, chosen);
    int port = 29092;
    for (StackConfig stack : STACKS) {
      List<String> measures = measuresOn(stack);
      if (!measures.isEmpty()) {
        try {
          runStack(stack, measures, port);
        } catch (Exception e) {
          e.printStackTrace();
          out.row("errors", stack.name(), measures, e.toString().replace('|', '/'));
        }
        port += 10;
      }
    }
    out.print(format("Run %s on %d cores, Java %s: %d tasks, %d executors × %d slots, %d tasks per poll; scenarios %s.",
        Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), tasks, executors, slots, tasksPerPoll, chosen),
        Path.of(System.getenv().getOrDefault("DAGLINE_BENCH_OUTPUT", "load-tests/target/benchmark-results.md")));
  }

  private List<String> measuresOn(StackConfig stack) {
    List<String> measures = new ArrayList<>();
    if (chosen.contains(stack.name())) {
      measures.add(stack.name());
    }
    List<String> extra = switch (stack.name()) {
      case "memory-1" -> ALOS_MEASURES;
      case "eos-1" -> EOS_MEASURES;
      default -> List.of();
    };
    extra.stream().filter(chosen::contains).forEach(measures::add);
    return measures;
  }

  private void runStack(StackConfig config, List<String> measures, int port) throws Exception {
    Path dir = Files.createTempDirectory("dagline-bench-" + config.name());
    System.err.printf("[benchmark] stack %s in %s: %s%n", config.name(), dir, measures);
    try (KafkaProcessCluster broker = KafkaProcessCluster.start(Path.of("kafka-broker/target/lib"), dir.resolve("kafka"),
        config.brokers(), port, Duration.ofSeconds(90), (name, pid) -> {})) {
      List<JavaProcess> schedulers = new ArrayList<>();
      TopicLayout topics = TopicLayout.replicated(8, config.brokers());
      try (DaglineStack stack = DaglineStack.start(DaglineStack.Options.local(broker.bootstrapServers(), dir, -1)
          .withTopics(topics).withExecutors(executors, slots, tasksPerPoll)
          .withoutScheduler())) {
        for (int i = 1; i <= config.instances(); i++) {
          schedulers.add(SchedulerProcesses.start("scheduler-" + i, broker.bootstrapServers(), dir,
              topics.replicationFactor(), config.instances() > 1 ? 1 : 0, config.exactlyOnce(), config.failover(), config.stores(),
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
        Session session = new Session(config, broker, schedulers, jobs, dir);
        for (String measure : measures) {
          System.err.printf("[benchmark] %s: %s (load %s)%n", config.name(), measure, LoadAverage.oneMinute());
          try {
            run(measure, session);
          } catch (Exception e) {
            e.printStackTrace();
            out.row("errors", config.name(), measure, e.toString().replace('|', '/'));
          }
        }
      } finally {
        schedulers.forEach(JavaProcess::close);
      }
    }
  }

  /** One running stack, and what its measures have learned so far. */
  private static final class Session {
    final StackConfig config;
    final KafkaProcessCluster broker;
    final List<JavaProcess> schedulers;
    final BenchmarkJobs jobs;
    final Path dir;
    double measuredTasksPerSecond = Double.NaN;
    boolean largeDagDone;

    Session(StackConfig config, KafkaProcessCluster broker, List<JavaProcess> schedulers, BenchmarkJobs jobs, Path dir) {
      this.config = config;
      this.broker = broker;
      this.schedulers = schedulers;
      this.jobs = jobs;
      this.dir = dir;
    }

    String bootstrap() {
      return broker.bootstrapServers();
    }
  }

  private void run(String measure, Session session) throws Exception {
    if (session.config.capped()) {
      cappedThroughput(session);
      return;
    }
    switch (measure) {
      case "raw-kafka" -> rawKafka(session);
      case "hop-latency", "hop-latency-alos" -> hopLatency(session);
      case "chain", "chain-alos" -> chain(session);
      case "ingest-100k", "state-size" -> largeDag(session);
      default -> throughput(session);
    }
  }

  private void throughput(Session session) throws Exception {
    StackConfig config = session.config;
    String jobId = "bench-" + config.name();
    List<Long> pids = session.schedulers.stream().map(JavaProcess::pid).toList();
    long cpuBefore = ProcessCpu.millis(pids);
    session.jobs.submit(BenchmarkJobs.independentNoops(jobId, tasks));
    String notes = "";
    if (config.name().startsWith("failover")) {
      notes = killDispatcherMidJob(session, jobId);
    } else if (config.name().equals("broker-failover")) {
      notes = killBrokerMidJob(session, jobId);
    }
    JsonNode done = session.jobs.awaitSucceeded(jobId, Duration.ofMinutes(20));
    // A killed instance's CPU drops out of the sum, so failover rows understate it.
    double cpuPerTask = (ProcessCpu.millis(pids) - cpuBefore) / (double) tasks;
    long submitToDone = BenchmarkJobs.millisBetween(done, "submittedAt", "finishedAt");
    long startToDone = BenchmarkJobs.millisBetween(done, "startedAt", "finishedAt");
    session.measuredTasksPerSecond = tasks * 1000.0 / submitToDone;
    out.row("throughput", config.name(), config.instances(), config.guarantee(), tasks, submitToDone,
        format("%.0f", session.measuredTasksPerSecond), format("%.0f", tasks * 1000.0 / startToDone),
        format("%.2f", cpuPerTask), LoadAverage.oneMinute(), notes);
  }

  /**
   * The throughput of {@code 1, 2, 4} instances each held to DAGLINE_BENCH_CPU_QUOTA cores (0.1 by default),
   * chosen so that the schedulers, not the 2 cores, are the bottleneck: the cgroups' throttled periods show it.
   */
  private void cappedThroughput(Session session) throws Exception {
    if (!CpuCaps.available()) {
      out.row("errors", session.config.name(), "capped throughput", "needs root and cgroup v1 at " + CpuCaps.ROOT);
      return;
    }
    double quota = Double.parseDouble(System.getenv().getOrDefault("DAGLINE_BENCH_CPU_QUOTA", "0.1"));
    List<CpuCaps> caps = new ArrayList<>();
    try {
      for (JavaProcess scheduler : session.schedulers) {
        caps.add(CpuCaps.cap("dagline-bench-" + scheduler.name(), scheduler.pid(), quota));
      }
      List<Map<String, Long>> before = new ArrayList<>();
      for (CpuCaps cap : caps) {
        before.add(cap.stat());
      }
      String jobId = "bench-" + session.config.name();
      List<Long> pids = session.schedulers.stream().map(JavaProcess::pid).toList();
      long cpuBefore = ProcessCpu.millis(pids);
      session.jobs.submit(BenchmarkJobs.independentNoops(jobId, tasks));
      JsonNode done = session.jobs.awaitSucceeded(jobId, Duration.ofMinutes(30));
      double cpuPerTask = (ProcessCpu.millis(pids) - cpuBefore) / (double) tasks;
      double throttled = 0;
      for (int i = 0; i < caps.size(); i++) {
        throttled += CpuCaps.throttledShare(before.get(i), caps.get(i).stat()) / caps.size();
      }
      long submitToDone = BenchmarkJobs.millisBetween(done, "submittedAt", "finishedAt");
      double rate = tasks * 1000.0 / submitToDone;
      if (session.config.instances() == 1) {
        cappedSingleRate = rate;
      }
      out.row("scaling", session.config.instances(), format("%.2f", quota), tasks, submitToDone, format("%.0f", rate),
          Double.isNaN(cappedSingleRate) ? "–" : format("%.2f", rate / cappedSingleRate),
          format("%.0f%%", 100 * throttled), format("%.2f", cpuPerTask), LoadAverage.oneMinute());
    } finally {
      for (CpuCaps cap : caps) {
        cap.close();
      }
    }
  }

  /** The capped-1 rate, which capped-2 and capped-4 are compared with. */
  private double cappedSingleRate = Double.NaN;

  /** Issues 12 and 15: work resumes within 3 s of a scheduler SIGKILL. */
  private static final long FAILOVER_GOAL_MS = 3_000;
  private static final long BROKER_FAILOVER_GOAL_MS = 5_000;

  /** Kills the instance holding the dispatcher at a third of the job; reports the pause in task starts against the goal. */
  private String killDispatcherMidJob(Session session, String jobId) throws Exception {
    awaitThirdDone(session, jobId);
    String owner;
    try (Admin admin = admin(session)) {
      owner = SchedulerProcesses.dispatcherOwner(admin, APPLICATION_ID, "default").orElseThrow();
    }
    JavaProcess victim = session.schedulers.stream().filter(s -> s.name().equals(owner)).findFirst().orElseThrow();
    return pauseAfter(session, jobId, victim::kill, owner + " (dispatcher owner)", FAILOVER_GOAL_MS);
  }

  /** SIGKILLs the leader of the site's task topic (one of three brokers) at a third of the job; the same report. */
  private String killBrokerMidJob(Session session, String jobId) throws Exception {
    awaitThirdDone(session, jobId);
    int leader = session.broker.leaderOf(DaglineTopics.tasksTopicName("default"));
    return pauseAfter(session, jobId, () -> session.broker.kill(leader),
        "broker " + leader + " (leader of the task topic)", BROKER_FAILOVER_GOAL_MS);
  }

  private void awaitThirdDone(Session session, String jobId) throws InterruptedException {
    while (session.jobs.succeeded(jobId) < tasks / 3) {
      Thread.sleep(100);
    }
  }

  /** Kills, waits for the job to succeed, and reports the longest pause in task starts after the kill against the goal. */
  private String pauseAfter(Session session, String jobId, Runnable kill, String victim, long goalMs)
      throws InterruptedException {
    long killedAt = System.currentTimeMillis();
    kill.run();
    session.jobs.awaitSucceeded(jobId, Duration.ofMinutes(20));
    long longestPause = TaskTimeline.of(session.jobs.tasks(jobId)).longestStartGapAfter(killedAt);
    return format("SIGKILL of %s at %d tasks done: longest pause in task starts %d ms (goal: work resumes within %d ms:"
        + " %s)", victim, tasks / 3, longestPause, goalMs, longestPause <= goalMs ? "met" : "missed");
  }


  private void rawKafka(Session session) throws Exception {
    int inFlight = executors * slots;
    RawKafkaLoop.Result raw = RawKafkaLoop.run(session.bootstrap(), session.config.exactlyOnce(), inFlight,
        Duration.ofSeconds(3), Duration.ofSeconds(15));
    double dagline = session.measuredTasksPerSecond;
    out.row("raw", (session.config.exactlyOnce() ? "exactly-once (transactions, commit every 100 ms)" : "plain (at-least-once)"),
        inFlight, raw.roundTrips(), format("%.0f", raw.perSecond()), raw.roundTrip().summary(),
        Double.isNaN(dagline) ? "–" : format("%.0f", dagline),
        Double.isNaN(dagline) ? "–" : format("%.3f", dagline / raw.perSecond()), LoadAverage.oneMinute());
  }

  private void hopLatency(Session session) throws Exception {
    double max = !Double.isNaN(session.measuredTasksPerSecond) ? session.measuredTasksPerSecond
        : Double.parseDouble(System.getenv().getOrDefault("DAGLINE_BENCH_MAX_RATE",
            session.config.exactlyOnce() ? "171" : "216"));
    Duration duration = Duration.ofSeconds(envInt("DAGLINE_BENCH_HOP_SECONDS", 40));
    HopLatency.Result hop = HopLatency.run(session.jobs, session.bootstrap(), session.config.name(), max / 2, duration);
    out.row("hop", session.config.guarantee(), hop.hop().count(), format("%.0f", hop.offeredRate()),
        format("%.0f", hop.achievedRate()), format("%d chains per job every %d ms", hop.chainsPerJob(), hop.periodMs()), hop.toReady().summary(), hop.readyToDispatch().summary(),
        "**" + hop.hop().summary() + "**", hop.toStart().summary(), LoadAverage.oneMinute());
  }

  private void chain(Session session) throws Exception {
    int runs = envInt("DAGLINE_BENCH_CHAIN_RUNS", 1);
    for (int run = 1; run <= runs; run++) {
      String jobId = "chain-" + session.config.name() + "-" + run;
      session.jobs.submit(BenchmarkJobs.chains(jobId, 1, CHAIN_TASKS));
      JsonNode done = session.jobs.awaitSucceeded(jobId, Duration.ofMinutes(10));
      long wall = BenchmarkJobs.millisBetween(done, "submittedAt", "finishedAt");
      long startToFinish = BenchmarkJobs.millisBetween(done, "startedAt", "finishedAt");
      out.row("chain", session.config.guarantee(), CHAIN_TASKS, wall, startToFinish,
          format("%.0f", startToFinish / (double) (CHAIN_TASKS - 1)), LoadAverage.oneMinute());
    }
  }

  /** ingest-100k and state-size share one large DAG: posted once, measured, then cancelled. */
  private void largeDag(Session session) throws Exception {
    if (session.largeDagDone) {
      return;
    }
    session.largeDagDone = true;
    int largeTasks = envInt("DAGLINE_BENCH_LARGE_TASKS", 100_000);
    String jobId = "large-" + largeTasks;
    // Roots sleep for 10 minutes: the whole DAG stays in flight (64 roots running, the rest ready or waiting).
    String json = BenchmarkJobs.layeredJson(jobId, largeTasks, 20, 600_000);
    JavaProcess scheduler = session.schedulers.get(0);
    Path stateDir = session.dir.resolve(scheduler.name());
    try (Admin admin = admin(session)) {
      SchedulerFootprint before = chosen.contains("state-size")
          ? SchedulerFootprint.measure(scheduler.pid(), stateDir, admin, APPLICATION_ID) : null;
      LargeDagIngest.Result ingest = LargeDagIngest.run(session.jobs, session.bootstrap(), jobId, json, largeTasks);
      if (chosen.contains("ingest-100k")) {
        out.row("ingest", largeTasks, format("%.1f", ingest.bodyBytes() / 1e6), ingest.partitions(),
            ingest.postMillis(), ingest.partitionsCommittedMillis(), ingest.lastCreatedAtMillis(),
            ingest.statusCompleteMillis(), LoadAverage.oneMinute());
      }
      if (before != null) {
        Thread.sleep(5_000); // several commits: ready roots queued at level 2, changelogs written
        SchedulerFootprint after = SchedulerFootprint.measure(scheduler.pid(), stateDir, admin, APPLICATION_ID);
        // A clean close flushes every RocksDB memtable to SST files: only then do they show the stores' size.
        // It ends the session's scheduler, which is why state-size runs last.
        scheduler.close();
        long sstAfterClose = SchedulerFootprint.sstBytes(stateDir);
        out.row("state", largeTasks,
            mb(before.heapUsedBytes(), after.heapUsedBytes()), perTask(after.heapUsedBytes() - before.heapUsedBytes(), largeTasks),
            mb(before.residentBytes(), after.residentBytes()), perTask(after.residentBytes() - before.residentBytes(), largeTasks),
            mb(before.changelogBytes(), after.changelogBytes()),
            perTask(after.changelogBytes() - before.changelogBytes(), largeTasks),
            mb(before.sstBytes(), sstAfterClose), perTask(sstAfterClose - before.sstBytes(), largeTasks),
            LoadAverage.oneMinute());
      }
    } finally {
      session.jobs.cancel(jobId);
    }
  }

  private static String mb(long before, long after) {
    return format("%.1f → %.1f", before / 1e6, after / 1e6);
  }

  private static String perTask(long bytes, int tasks) {
    return format("%.0f", bytes / (double) tasks);
  }

  private static Admin admin(Session session) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, session.bootstrap()));
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }

  private static int envInt(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
  }
}
