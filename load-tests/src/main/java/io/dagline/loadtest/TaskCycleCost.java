package io.dagline.loadtest;

import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.TaskCompleted;
import io.dagline.serde.KafkaSchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.topics.DaglineTopics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What a task costs and whether dispatch stalls, on a running stack (started by {@code bin/task-cycle-cost}):
 * <ol>
 *   <li>the idle cost: CPU of each named process and the records written over {@code --idle-seconds} (60) with
 *       no job;
 *   <li>records per task written to every topic and changelog (end offsets before and after a wide no-op job,
 *       transaction markers included, since they take offsets too), and CPU per task of each named process;
 *   <li>a 1,500-task chain: each hop from a completion to the successor's start (p50, p99, max);
 *   <li>a 12,000-task wide job: the longest time without a finished task.
 * </ol>
 * With {@code --results true} every task returns a short result (and a chain's tasks receive it as an input).
 * Usage: {@code TaskCycleCost --url URL --bootstrap SERVERS [--idle-seconds 60] [--tasks 5000] [--chain 1500] [--wide 12000] [--results false]
 * [name=pid …]}.
 */
public final class TaskCycleCost {

  private TaskCycleCost() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    Map<String, Long> processes = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        options.put(args[i].substring(2), args[++i]);
      } else {
        String[] nameAndPid = args[i].split("=", 2);
        processes.put(nameAndPid[0], Long.parseLong(nameAndPid[1]));
      }
    }
    String bootstrap = options.get("bootstrap");
    BenchmarkJobs jobs = new BenchmarkJobs(URI.create(options.getOrDefault("url", "http://127.0.0.1:8080")));
    int tasks = Integer.parseInt(options.getOrDefault("tasks", "5000"));
    boolean withResults = Boolean.parseBoolean(options.getOrDefault("results", "false"));
    String kind = withResults ? "with a result each" : "no-op";
    System.out.printf(Locale.ROOT, "load average before: %s%n%n", LoadAverage.oneMinute());

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      int idleSeconds = Integer.parseInt(options.getOrDefault("idle-seconds", "60"));
      Map<String, Long> idleOffsets = endOffsets(admin);
      Map<String, Long> idleCpu = cpu(processes);
      Thread.sleep(idleSeconds * 1000L);
      Map<String, Long> idleOffsetsAfter = endOffsets(admin);
      Map<String, Long> idleCpuAfter = cpu(processes);
      System.out.printf(Locale.ROOT, "### Idle, %d s with no job%n%n| process | cores |%n|---|---:|%n", idleSeconds);
      processes.keySet().forEach(name -> System.out.printf(Locale.ROOT, "| %s | %.3f |%n", name,
          (idleCpuAfter.get(name) - idleCpu.get(name)) / (idleSeconds * 1000.0)));
      System.out.printf(Locale.ROOT, "%nrecords written while idle: %s%n%n", idleOffsetsAfter.entrySet().stream()
          .filter(entry -> entry.getValue() > idleOffsets.getOrDefault(entry.getKey(), 0L))
          .map(entry -> entry.getKey() + " " + (entry.getValue() - idleOffsets.getOrDefault(entry.getKey(), 0L)))
          .collect(Collectors.joining(", ")));
      Map<String, Long> offsetsBefore = endOffsets(admin);
      Map<String, Long> cpuBefore = cpu(processes);
      String costJob = "cost-" + System.currentTimeMillis();
      jobs.submit(BenchmarkJobs.independent(costJob, tasks, withResults));
      jobs.awaitSucceeded(costJob, Duration.ofMinutes(10));
      Thread.sleep(2_000); // the last commits, status and changelog writes
      Map<String, Long> offsetsAfter = endOffsets(admin);
      Map<String, Long> cpuAfter = cpu(processes);
      printRecordsPerTask(tasks + "-task wide job, " + kind, offsetsBefore, offsetsAfter, tasks);
      System.out.println("| process | CPU per task (ms) |\n|---|---:|");
      processes.keySet().forEach(name -> System.out.printf(Locale.ROOT, "| %s | %.2f |%n", name,
          (cpuAfter.get(name) - cpuBefore.get(name)) / (double) tasks));
      System.out.println();
    }

    int chain = Integer.parseInt(options.getOrDefault("chain", "1500"));
    String chainJob = "cost-chain-" + System.currentTimeMillis();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<String, Long> before = endOffsets(admin);
      jobs.submit(BenchmarkJobs.chains(chainJob, 1, chain, withResults));
      jobs.awaitSucceeded(chainJob, Duration.ofMinutes(10));
      Thread.sleep(2_000); // the last commits, status and changelog writes
      // Graph partitions of ~250 tasks: all but one hop in 250 stay inside a partition, the common case.
      printRecordsPerTask(chain + "-task chain, " + kind, before, endOffsets(admin), chain);
    }
    int wide = Integer.parseInt(options.getOrDefault("wide", "12000"));
    String wideJob = "cost-wide-" + System.currentTimeMillis();
    jobs.submit(BenchmarkJobs.independent(wideJob, wide, withResults));
    jobs.awaitSucceeded(wideJob, Duration.ofMinutes(20));

    Map<String, TaskCompleted> completed = new HashMap<>();
    try (KafkaSchemaCatalog catalog = new KafkaSchemaCatalog(bootstrap, DaglineTopics.SCHEMAS)) {
      DaglineTopics topics = new DaglineTopics(WireFormat.singleObject(catalog));
      TopicReader.readAll(bootstrap, DaglineTopics.TASK_REPORTS, topics.taskReports.valueSerde().deserializer(), record -> {
        Object event = record.value() == null ? null : ((PartitionEvent) record.value()).getEvent();
        if (event instanceof TaskCompleted done) {
          completed.putIfAbsent(done.getAttempt().getJobId() + "/" + done.getAttempt().getTaskId(), done);
        }
      });
    }
    Latencies hops = new Latencies();
    for (int i = 1; i < chain; i++) {
      TaskCompleted before = completed.get(chainJob + "/" + BenchmarkJobs.chainTaskId(0, i - 1));
      TaskCompleted next = completed.get(chainJob + "/" + BenchmarkJobs.chainTaskId(0, i));
      hops.record(next.getStartedAt() - before.getFinishedAt());
    }
    System.out.printf(Locale.ROOT, "### A %d-task chain: completion → successor start (ms)%n%np50 / p95 / p99 / max: %s, %d hops%n%n", chain,
        hops.summary(), hops.count());
    List<Long> finishes = completed.values().stream().filter(done -> done.getAttempt().getJobId().equals(wideJob))
        .map(TaskCompleted::getFinishedAt).sorted().collect(Collectors.toCollection(ArrayList::new));
    long longestGap = 0;
    for (int i = 1; i < finishes.size(); i++) {
      longestGap = Math.max(longestGap, finishes.get(i) - finishes.get(i - 1));
    }
    System.out.printf(Locale.ROOT, "### A %d-task wide job%n%n%d tasks finished over %.1f s; longest time without a "
        + "finished task: %d ms%n%nload average after: %s%n", wide, finishes.size(),
        (finishes.get(finishes.size() - 1) - finishes.get(0)) / 1000.0, longestGap, LoadAverage.oneMinute());
  }

  /** End offsets summed per topic, over every topic of the cluster, internal ones included. */
  /** Records written per task to every topic and changelog between two sets of end offsets (markers included). */
  private static void printRecordsPerTask(String job, Map<String, Long> before, Map<String, Long> after, int tasks) {
    System.out.printf(Locale.ROOT, "### Records per task (%s; end offsets, markers included)%n%n", job);
    System.out.println("| topic | records per task |\n|---|---:|");
    double total = 0;
    for (String topic : after.keySet()) {
      long delta = after.get(topic) - before.getOrDefault(topic, 0L);
      if (delta > 0) {
        total += delta / (double) tasks;
        System.out.printf(Locale.ROOT, "| %s | %.2f |%n", topic, delta / (double) tasks);
      }
    }
    System.out.printf(Locale.ROOT, "| **all** | **%.2f** |%n%n", total);
  }

  private static Map<String, Long> endOffsets(Admin admin) throws Exception {
    var names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
    var descriptions = admin.describeTopics(names).allTopicNames().get();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    descriptions.values().forEach(topic -> topic.partitions().forEach(partition ->
        request.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
    Map<String, Long> sums = new TreeMap<>();
    admin.listOffsets(request).all().get().forEach((partition, info) ->
        sums.merge(partition.topic(), info.offset(), Long::sum));
    return sums;
  }

  private static Map<String, Long> cpu(Map<String, Long> processes) {
    Map<String, Long> millis = new TreeMap<>();
    processes.forEach((name, pid) -> millis.put(name, ProcessCpu.millis(pid)));
    return millis;
  }
}
