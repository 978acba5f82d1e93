package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagline.executor.ExecutorOptions;
import io.dagline.executor.TaskExecutor;
import io.dagline.scheduler.SchedulerSettings;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.TaskCompleted;
import io.dagline.serde.KafkaSchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.testkit.KafkaTestCluster;
import io.dagline.topics.DaglineTopics;
import io.dagline.topics.TopicLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executor health on a real broker: an executor that stops heartbeating is declared lost and its
 * running attempt runs again elsewhere long before the broker's record lock would free it, and an
 * executor on which tasks fail is excluded, so that they succeed on another.
 */
class ExecutorHealthIT {

  /** Far longer than the scheduler needs to notice a silent executor: a redelivery by the broker cannot be what saves the task. */
  private static final int RECORD_LOCK_MS = 60_000;
  private static final Duration EXECUTOR_TIMEOUT = Duration.ofSeconds(4);

  @TempDir
  static Path dataDir;

  private static KafkaTestCluster kafka;
  private static DaglineStack stack;
  private static GatewayClient gateway;
  private final List<AutoCloseable> executors = new ArrayList<>();

  @BeforeAll
  static void startStack() throws Exception {
    kafka = KafkaTestCluster.singleNode();
    // One partition per topic: a share group hands a partition's records only to the members it assigned
    // that partition, and with several partitions a released record might never reach the other executor.
    stack = DaglineStack.start(DaglineStack.Options.local(kafka.bootstrapServers(), dataDir, -1)
        .withTopics(TopicLayout.singleBroker(1))
        .withExecutors(0, 0)
        .withScheduler(SchedulerSettings.defaults().withExecutorTimeout(EXECUTOR_TIMEOUT)));
    try (Admin admin = kafka.admin()) {
      String shareGroup = ExecutorOptions.of("any", "default", 1, kafka.bootstrapServers()).shareGroup();
      admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, shareGroup), List.of(
          new AlterConfigOp(new ConfigEntry("share.record.lock.duration.ms", String.valueOf(RECORD_LOCK_MS)),
              AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
    }
    gateway = new GatewayClient(stack.gatewayUri());
  }

  @AfterEach
  void stopExecutors() throws Exception {
    for (AutoCloseable executor : executors) {
      executor.close();
    }
    executors.clear();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldRunTheAttemptOfAFrozenExecutorAgainElsewhereAndIgnoreItsLateCompletion() throws Exception {
    JavaProcess first = startExecutorProcess("executor-a");
    JavaProcess second = startExecutorProcess("executor-b");
    assertThat(first.awaitReady(Duration.ofSeconds(60))).isTrue();
    assertThat(second.awaitReady(Duration.ofSeconds(60))).isTrue();
    Map<String, Object> job = job("frozen", List.of(task("long", "sleep", Map.of("ms", "8000"))));
    gateway.submit(job);

    JsonNode running = awaitTask("frozen", task -> task.path("state").asText().equals("RUNNING")
        && !task.path("executorId").asText().isEmpty());
    JavaProcess victim = running.get("executorId").asText().equals(first.name()) ? first : second;
    JavaProcess survivor = victim == first ? second : first;
    Thread.sleep(2_500); // heartbeats of the victim (every second) now name the running attempt
    victim.suspend();

    JsonNode done = JobAssertions.awaitState(gateway, "frozen", "SUCCEEDED", Duration.ofMinutes(2));
    JsonNode task = awaitTask("frozen", t -> t.path("state").asText().equals("SUCCEEDED"));
    assertThat(task.get("attempt").asInt()).as("a new attempt, not the broker redelivering the first").isEqualTo(2);
    assertThat(task.get("executorId").asText()).isEqualTo(survivor.name());

    victim.resume(); // it wakes up, finishes attempt 1 and reports it
    var lateReport = awaitReport(report -> report instanceof TaskCompleted completed
        && completed.getAttempt().getJobId().equals("frozen") && completed.getAttempt().getAttempt() == 1);
    awaitSchedulerConsumed(new TopicPartition(lateReport.topic(), lateReport.partition()), lateReport.offset());
    Thread.sleep(1_000); // a changed partition would publish its status within the 250 ms status interval
    JsonNode after = JobAssertions.awaitState(gateway, "frozen", "SUCCEEDED", Duration.ofSeconds(30));
    assertThat(after.get("counts")).isEqualTo(done.get("counts"));
    JsonNode taskAfter = awaitTask("frozen", t -> true);
    assertThat(taskAfter.get("attempt").asInt()).isEqualTo(2);
    assertThat(taskAfter.get("executorId").asText()).isEqualTo(survivor.name());
    System.out.printf("frozen executor: %s suspended while running; attempt 2 finished on %s%n", victim.name(),
        survivor.name());
  }

  @Test
  void shouldRunTasksThatFailOnABrokenExecutorOnAnotherAndExcludeTheBrokenOne() {
    TaskExecutor broken = startExecutor("broken-executor", 2);
    TaskExecutor good = startExecutor("good-executor", 2);
    awaitBothConsuming(broken, good);
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      tasks.add(task("t" + i, "fail", Map.of("failOn", "broken-executor", "message", "bad host")));
    }
    gateway.submit(job("excluded", tasks));

    JobAssertions.awaitState(gateway, "excluded", "SUCCEEDED", Duration.ofMinutes(2));
    int retried = 0;
    for (JsonNode task : gateway.get("/v1/jobs/excluded/tasks").body().get("tasks")) {
      assertThat(task.get("executorId").asText()).as(task.toString()).isEqualTo("good-executor");
      retried += task.get("attempt").asInt() >= 2 ? 1 : 0;
    }
    assertThat(retried).as("tasks that failed on the broken executor first").isPositive();
    assertThat(broken.busySlots()).isZero();

    // Two or more tasks failed on it: the broken executor is excluded for every task of the site now.
    List<Map<String, Object>> noops = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      noops.add(task("n" + i, "noop", Map.of()));
    }
    gateway.submit(job("after-exclusion", noops));
    JobAssertions.awaitState(gateway, "after-exclusion", "SUCCEEDED", Duration.ofMinutes(1));
    for (JsonNode task : gateway.get("/v1/jobs/after-exclusion/tasks").body().get("tasks")) {
      assertThat(task.get("executorId").asText()).as(task.toString()).isEqualTo("good-executor");
    }
  }

  /** Runs short tasks until both executors have run one: both are in the share group and fetching. */
  private static void awaitBothConsuming(TaskExecutor first, TaskExecutor second) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int round = 0; round < 20 && seen.size() < 2; round++) {
      List<Map<String, Object>> warmUp = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        warmUp.add(task("w" + i, "sleep", Map.of("ms", "200")));
      }
      String jobId = "warm-up-" + round;
      gateway.submit(job(jobId, warmUp));
      JobAssertions.awaitState(gateway, jobId, "SUCCEEDED", Duration.ofMinutes(1));
      gateway.get("/v1/jobs/" + jobId + "/tasks").body().get("tasks")
          .forEach(task -> seen.add(task.get("executorId").asText()));
    }
    assertThat(seen).contains(first.options().executorId(), second.options().executorId());
  }

  // ---- helpers ------------------------------------------------------------------------------

  private JavaProcess startExecutorProcess(String id) {
    JavaProcess executor = JavaProcess.start(id, "io.dagline.executor.ExecutorMain", Map.of(
        "DAGLINE_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "DAGLINE_EXECUTOR_ID", id,
        "DAGLINE_SLOTS", "2"), Path.of("target", "executor-health-logs"), "started with");
    executors.add(executor);
    return executor;
  }

  private TaskExecutor startExecutor(String id, int slots) {
    TaskExecutor executor = TaskExecutor.start(new ExecutorOptions(id, "default", slots, 1.0, kafka.bootstrapServers(),
        Duration.ofMillis(500)));
    executors.add(executor);
    return executor;
  }

  private static Map<String, Object> job(String id, List<Map<String, Object>> tasks) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", id);
    job.put("tasks", tasks);
    return job;
  }

  private static Map<String, Object> task(String id, String function, Map<String, String> args) {
    Map<String, Object> task = SampleDags.task(id, function, List.of());
    task.put("args", args);
    task.put("maxAttempts", 4);
    return task;
  }

  private static JsonNode awaitTask(String jobId, java.util.function.Predicate<JsonNode> condition) {
    JsonNode[] found = new JsonNode[1];
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
      GatewayClient.Response response = gateway.get("/v1/jobs/" + jobId + "/tasks");
      if (response.status() != 200) {
        return false;
      }
      for (JsonNode task : response.body().path("tasks")) {
        if (condition.test(task)) {
          found[0] = task;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** Waits until a report matching the condition is on the partition-events topic, and answers where. */
  private static org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> awaitReport(
      java.util.function.Predicate<Object> condition) {
    try (KafkaSchemaCatalog catalog = new KafkaSchemaCatalog(kafka.bootstrapServers(), DaglineTopics.SCHEMAS);
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      var events = new DaglineTopics(WireFormat.singleObject(catalog)).partitionEvents.valueSerde().deserializer();
      List<TopicPartition> partitions = consumer.partitionsFor(DaglineTopics.TASK_REPORTS).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          PartitionEvent event = events.deserialize(record.topic(), record.value());
          if (condition.test(event.getEvent())) {
            found.add(record);
            return true;
          }
        }
        return false;
      });
      return found.get(0);
    }
  }

  /** Waits until the scheduler application has consumed, and committed, the record at this offset. */
  private static void awaitSchedulerConsumed(TopicPartition partition, long offset) {
    try (Admin admin = kafka.admin()) {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
        var committed = admin.listConsumerGroupOffsets("dagline-scheduler").partitionsToOffsetAndMetadata().get()
            .get(partition);
        return committed != null && committed.offset() > offset;
      });
    }
  }

}
