package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dagline.executor.ExecutorOptions;
import io.dagline.executor.TaskExecutor;
import io.dagline.gateway.GatewayServer;
import io.dagline.scheduler.SchedulerRuntime;
import io.dagline.scheduler.SchedulerSettings;
import io.dagline.schemas.ExecutionPlacement;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskCompleted;
import io.dagline.schemas.TaskFailed;
import io.dagline.serde.KafkaSchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.testkit.KafkaTestCluster;
import io.dagline.topics.DaglineTopics;
import io.dagline.topics.TopicCreator;
import io.dagline.topics.TopicLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's lifecycle on a real broker, through the whole stack: retries with backoff, failure
 * propagation, executor-side timeouts, cancellation of running attempts, idempotent submission, and
 * poison records on every input topic.
 */
class LifecycleIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Retries 50 ms apart, so that the tests do not wait for the default backoff. */
  private static final Map<String, Object> FAST_RETRY = Map.of("initialIntervalMs", 50, "maxIntervalMs", 200);

  @TempDir
  static Path dataDir;

  private static KafkaTestCluster kafka;
  private static SchedulerRuntime scheduler;
  private static TaskExecutor executor;
  private static GatewayServer gateway;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startStack() throws InterruptedException {
    kafka = KafkaTestCluster.singleNode();
    try (Admin admin = kafka.admin()) {
      TopicCreator.createMissing(admin, DaglineTopics.newTopics(TopicLayout.singleBroker(2), List.of("default")));
    }
    scheduler = SchedulerRuntime.start(SchedulerRuntime.Options.local(kafka.bootstrapServers(), dataDir.resolve("scheduler")),
        SchedulerSettings.defaults());
    assertThat(scheduler.awaitRunning(Duration.ofSeconds(60))).isTrue();
    executor = TaskExecutor.start(new ExecutorOptions("lifecycle-executor", "default", 4, 1.0,
        kafka.bootstrapServers(), Duration.ofMillis(500)));
    gateway = GatewayServer.start(Map.of(
        "dagline.kafka.bootstrap-servers", kafka.bootstrapServers(),
        "micronaut.server.host", "127.0.0.1",
        "micronaut.server.port", 0));
  }

  @AfterAll
  static void stopStack() {
    for (AutoCloseable component : new AutoCloseable[] {gateway, executor, scheduler, kafka}) {
      if (component != null) {
        try {
          component.close();
        } catch (Exception e) {
          System.err.println("could not stop " + component + ": " + e);
        }
      }
    }
  }

  @Test
  void shouldRetryATaskThatFailsTwiceAndSucceedAtItsThirdAttempt() {
    Map<String, Object> flaky = task("flaky", "fail", List.of());
    flaky.put("args", Map.of("failAttempts", "2", "message", "flaky disk"));
    post(job("fails-twice", List.of(flaky, task("after", "noop", List.of("flaky")))));

    JsonNode job = awaitState("fails-twice", "SUCCEEDED");

    assertThat(job.at("/counts/succeeded").asInt()).isEqualTo(2);
    JsonNode task = awaitTask("fails-twice", "flaky", t -> t.get("state").asText().equals("SUCCEEDED"));
    assertThat(task.get("attempt").asInt()).isEqualTo(3);

    JsonNode attempts = read(send(HttpRequest.newBuilder(uri("/v1/jobs/fails-twice/tasks/flaky")).GET()).body()).get("attempts");
    assertThat(attempts).extracting(a -> a.get("attempt").asInt() + ":" + a.get("outcome").asText())
        .containsExactly("1:FAILED", "2:FAILED", "3:SUCCEEDED");
    assertThat(attempts.get(0).get("error").asText()).contains("flaky disk");
    assertThat(attempts).allSatisfy(a -> {
      assertThat(a.get("executorId").asText()).isEqualTo("lifecycle-executor");
      assertThat(a.get("startedAt").isNull()).isFalse();
      assertThat(a.get("finishedAt").isNull()).isFalse();
    });
    assertThat(attempts.get(2).get("error").isNull()).isTrue();
  }

  /**
   * Through the real scheduler: a tenant's job keeps its tenant in every status the scheduler writes, and its
   * event stream runs from the first status to the final one, then ends.
   */
  @Test
  void shouldStreamATenantsJobToItsEndWithItsTenantKept() throws Exception {
    String token = "lifecycle-token";
    try (GatewayServer secured = GatewayServer.start(Map.of(
        "dagline.kafka.bootstrap-servers", kafka.bootstrapServers(),
        "micronaut.server.host", "127.0.0.1",
        "micronaut.server.port", 0,
        "dagline.gateway.auth.enabled", true,
        "dagline.gateway.auth.tokens", "alice:" + io.dagline.gateway.auth.ApiTokens.digest(token)))) {
      Map<String, Object> job = job("streamed-tenant-job", List.of(
          withArgs(task("a", "sleep", List.of()), Map.of("ms", "1000")),
          withArgs(task("b", "sleep", List.of("a")), Map.of("ms", "1000"))));
      HttpResponse<String> submitted = send(HttpRequest.newBuilder(secured.uri().resolve("/v1/jobs"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(job))));
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);

      HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(
          secured.uri().resolve("/v1/jobs/streamed-tenant-job/events")).header("Authorization", "Bearer " + token)
          .GET().build(), HttpResponse.BodyHandlers.ofLines());
      assertThat(stream.statusCode()).isEqualTo(200);
      List<String> jobEvents = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        List<String> data = new ArrayList<>();
        String event = null;
        for (String line : (Iterable<String>) stream.body()::iterator) {
          if (line.startsWith("event:")) {
            event = line.substring(6).trim();
          } else if (line.startsWith("data:") && "job".equals(event)) {
            data.add(line.substring(5).trim());
          }
        }
        return data;
      }).get(120, java.util.concurrent.TimeUnit.SECONDS);

      List<String> states = jobEvents.stream().map(d -> read(d).get("state").asText()).toList();
      assertThat(states).last().isEqualTo("SUCCEEDED");
      assertThat(states).contains("RUNNING");
      assertThat(jobEvents).allSatisfy(d -> assertThat(read(d).get("tenant").asText()).isEqualTo("alice"));
    }
    JsonNode seenWithoutAuth = awaitState("streamed-tenant-job", "SUCCEEDED");
    assertThat(seenWithoutAuth.get("tenant").asText()).as("written by the scheduler's job level").isEqualTo("alice");
  }

  /**
   * Reports the scheduler must ignore, written straight to the partition-events topic: a second
   * completion of the attempt that succeeded, a late completion and a late failure of an attempt
   * that was retried. Once the scheduler has consumed them, the job's counts and tasks are unchanged.
   */
  @Test
  void shouldIgnoreDuplicateAndLateReportsOnTheBroker() throws Exception {
    Map<String, Object> flaky = task("flaky", "fail", List.of());
    flaky.put("args", Map.of("failAttempts", "1"));
    Map<String, Object> job = job("reported-twice", List.of(flaky, task("after", "noop", List.of("flaky"))));
    job.put("retry", FAST_RETRY);
    post(job);
    JsonNode before = awaitState("reported-twice", "SUCCEEDED");
    JsonNode flakyBefore = awaitTask("reported-twice", "flaky", t -> t.get("state").asText().equals("SUCCEEDED"));
    assertThat(flakyBefore.get("attempt").asInt()).isEqualTo(2);
    Map<String, String> tasksBefore = taskStates("reported-twice");

    ExecutionPlacement placement = new ExecutionPlacement("lifecycle-executor", "default");
    long now = System.currentTimeMillis();
    try (KafkaSchemaCatalog catalog = new KafkaSchemaCatalog(kafka.bootstrapServers(), DaglineTopics.SCHEMAS);
        var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers()), new StringSerializer(),
            new DaglineTopics(WireFormat.singleObject(catalog)).partitionEvents.valueSerde().serializer())) {
      var dispatched = new DaglineTopics(WireFormat.singleObject(catalog)).tasks("default").valueSerde().deserializer();
      TaskAttempt succeeded = readAll(DaglineTopics.tasksTopicName("default")).stream()
          .flatMap(record -> { // skipping the poison record another test writes to this topic
            try {
              return java.util.stream.Stream.of(dispatched.deserialize(record.topic(), record.value()).getAttempt());
            } catch (RuntimeException undecodable) {
              return java.util.stream.Stream.empty();
            }
          })
          .filter(attempt -> attempt.getJobId().equals("reported-twice") && attempt.getTaskId().equals("flaky")
              && attempt.getAttempt() == 2)
          .findFirst().orElseThrow();
      TaskAttempt retried = new TaskAttempt("reported-twice", succeeded.getPartition(), "flaky", 1);
      String key = DaglineTopics.partitionKey("reported-twice", succeeded.getPartition());
      RecordMetadata last = null;
      for (Object report : List.of(
          new TaskCompleted(succeeded, placement, now, now, "again", null),
          new TaskCompleted(retried, placement, now, now, "late", null),
          new TaskFailed(retried, placement, now, now, "late failure", true),
          new TaskFailed(succeeded, placement, now, now, "failure after success", true))) {
        last = producer.send(new ProducerRecord<>(DaglineTopics.TASK_REPORTS, key, new PartitionEvent(report))).get();
      }
      awaitSchedulerConsumed(new TopicPartition(last.topic(), last.partition()), last.offset());
    }
    Thread.sleep(1_000); // a changed partition would publish its status within the 250 ms status interval

    JsonNode after = awaitState("reported-twice", "SUCCEEDED");
    assertThat(after.get("counts")).isEqualTo(before.get("counts"));
    assertThat(after.at("/counts/succeeded").asInt()).isEqualTo(2);
    assertThat(after.at("/counts/failed").asInt()).isZero();
    JsonNode flakyAfter = awaitTask("reported-twice", "flaky", t -> true);
    assertThat(flakyAfter.get("attempt").asInt()).isEqualTo(2);
    assertThat(flakyAfter.get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(taskStates("reported-twice")).isEqualTo(tasksBefore);
  }

  @Test
  void shouldFailAJobWhoseTaskAlwaysFailsSkippingOnlyItsDescendants() {
    Map<String, Object> job = job("fails-always", List.of(
        withArgs(task("broken", "fail", List.of()), Map.of("message", "always broken")),
        task("child", "noop", List.of("broken")),
        task("grandchild", "noop", List.of("child")),
        task("independent", "noop", List.of())));
    job.put("onTaskFailure", "SKIP_DESCENDANTS");
    job.put("retry", FAST_RETRY);
    post(job);

    JsonNode status = awaitState("fails-always", "FAILED");

    assertThat(status.get("failedTaskId").asText()).isEqualTo("broken");
    assertThat(status.get("failedAttempts").asInt()).as("the default of four attempts").isEqualTo(4);
    assertThat(status.get("lastError").asText()).contains("always broken");
    assertThat(status.get("problems").get(0).asText()).contains("\"broken\" failed after 4 attempts");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Map<String, String> states = taskStates("fails-always");
      assertThat(states).containsEntry("broken", "FAILED").containsEntry("child", "SKIPPED")
          .containsEntry("grandchild", "SKIPPED").containsEntry("independent", "SUCCEEDED");
    });
  }

  @Test
  void shouldTimeOutAHungTaskAndRetryIt() {
    Map<String, Object> hung = withArgs(task("hung", "sleep", List.of()), Map.of("ms", "600000"));
    hung.put("timeoutMs", 300);
    hung.put("maxAttempts", 2);
    Map<String, Object> job = job("hangs", List.of(hung));
    job.put("retry", FAST_RETRY);
    post(job);

    JsonNode status = awaitState("hangs", "FAILED");

    assertThat(status.get("failedAttempts").asInt()).as("timed out, retried, timed out again").isEqualTo(2);
    assertThat(status.get("lastError").asText()).isEqualTo("timed out after 300 ms");
    await().atMost(Duration.ofSeconds(20)).until(() -> executor.busySlots() == 0);
  }

  @Test
  void shouldCancelAJobMidRunAndStopItsRunningAttempts() {
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tasks.add(withArgs(task("long-" + i, "sleep", List.of()), Map.of("ms", "600000")));
    }
    post(job("cancel-me", tasks));
    await().atMost(Duration.ofSeconds(60)).until(() ->
        executor.busySlots() > 0 && taskStates("cancel-me").containsValue("RUNNING"));

    HttpResponse<String> cancel = send(HttpRequest.newBuilder(uri("/v1/jobs/cancel-me")).DELETE());
    assertThat(cancel.statusCode()).isEqualTo(202);

    awaitState("cancel-me", "CANCELLED");
    await("running attempts interrupted").atMost(Duration.ofSeconds(20)).until(() -> executor.busySlots() == 0);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(taskStates("cancel-me").values()).hasSize(6).containsOnly("CANCELLED"));
    HttpResponse<String> again = send(HttpRequest.newBuilder(uri("/v1/jobs/cancel-me")).DELETE());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(read(again.body()).get("state").asText()).isEqualTo("CANCELLED");
    assertThat(send(HttpRequest.newBuilder(uri("/v1/jobs/no-such-job")).DELETE()).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldFailAJobWhoseTaskWaitsLongerThanItsLimitAtASiteWithoutExecutors() {
    Map<String, Object> train = task("train", "noop", List.of("prep"));
    train.put("site", "gpu");
    Map<String, Object> job = job("no-gpu", List.of(task("prep", "noop", List.of()), train));
    job.put("executorWaitLimitMs", 2_000);
    post(job);

    JsonNode failed = awaitState("no-gpu", "FAILED");

    assertThat(failed.get("executorWaitLimitMs").asLong()).isEqualTo(2_000);
    assertThat(failed.get("problems").get(0).asText()).contains("site \"gpu\"").contains("no live executor");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(taskStates("no-gpu")).containsEntry("prep", "SUCCEEDED").containsEntry("train", "SKIPPED"));
  }

  @Test
  void shouldRunARepeatedSubmissionOnce() {
    Map<String, Object> job = job("posted-twice", List.of(task("a", "noop", List.of())));
    assertThat(post(job).statusCode()).isEqualTo(202);
    HttpResponse<String> again = post(job);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(read(again.body()).get("jobId").asText()).isEqualTo("posted-twice");
    job.put("tasks", List.of(task("b", "noop", List.of())));
    assertThat(post(job).statusCode()).isEqualTo(409);

    Map<String, Object> keyed = new LinkedHashMap<>();
    keyed.put("tasks", List.of(task("k", "noop", List.of())));
    HttpResponse<String> first = postWithKey(keyed, "lifecycle-key-1");
    HttpResponse<String> second = postWithKey(keyed, "lifecycle-key-1");
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(200);
    String keyedId = read(first.body()).get("jobId").asText();
    assertThat(read(second.body()).get("jobId").asText()).isEqualTo(keyedId);

    assertThat(awaitState("posted-twice", "SUCCEEDED").get("taskCount").asInt()).isEqualTo(1);
    assertThat(awaitState(keyedId, "SUCCEEDED").at("/counts/succeeded").asInt()).isEqualTo(1);
    List<ConsumerRecord<byte[], byte[]>> commands = readAll(DaglineTopics.JOB_COMMANDS);
    for (String jobId : List.of("posted-twice", keyedId)) {
      List<String> submissions = commands.stream().filter(r -> key(r).equals(jobId))
          .map(r -> HexFormat.of().formatHex(r.value())).toList();
      assertThat(submissions).as("%s: a repeat while SUBMITTED publishes the same submission again", jobId)
          .isNotEmpty().containsOnly(submissions.get(0));
      assertThat(ExecutionLedger.read(kafka.bootstrapServers(), jobId).reports()).as("%s's task ran once", jobId)
          .isEqualTo(1);
    }
  }

  @Test
  void shouldSendUndecodableRecordsOnEveryInputTopicToTheDeadLetterTopicAndCarryOn() throws Exception {
    List<String> inputs = List.of(DaglineTopics.JOB_COMMANDS, DaglineTopics.PARTITION_EVENTS, DaglineTopics.TASK_REPORTS,
        DaglineTopics.DISPATCH_EVENTS, DaglineTopics.JOB_EVENTS, DaglineTopics.tasksTopicName("default"));
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
      for (String topic : inputs) {
        producer.send(new ProducerRecord<>(topic, "poison", ("not avro on " + topic).getBytes(StandardCharsets.UTF_8))).get();
      }
    }

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      Map<String, String> reasonByTopic = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> letter : readAll(DaglineTopics.DEAD_LETTERS)) {
        String topic = header(letter, "__streams.errors.topic");
        String reason = header(letter, "__streams.errors.message");
        if (topic == null) {
          topic = header(letter, DaglineTopics.DEAD_LETTER_TOPIC_HEADER);
          reason = header(letter, DaglineTopics.DEAD_LETTER_REASON_HEADER);
        }
        reasonByTopic.put(topic, reason);
      }
      assertThat(reasonByTopic).containsOnlyKeys(inputs);
      assertThat(reasonByTopic.values()).allSatisfy(reason -> assertThat(reason).contains("cannot decode"));
    });

    post(job("after-poison", List.of(task("a", "noop", List.of()), task("b", "noop", List.of("a")))));
    awaitState("after-poison", "SUCCEEDED");
  }

  // ---- helpers ------------------------------------------------------------------------------

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


  private static Map<String, Object> job(String id, List<Map<String, Object>> tasks) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", id);
    job.put("tasks", tasks);
    return job;
  }

  private static Map<String, Object> task(String id, String function, List<String> dependencies) {
    return SampleDags.task(id, function, dependencies);
  }

  private static Map<String, Object> withArgs(Map<String, Object> task, Map<String, String> args) {
    task.put("args", args);
    return task;
  }

  private static JsonNode awaitState(String jobId, String state) {
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/jobs/" + jobId)).GET());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(read(response.body()).get("state").asText()).isEqualTo(state);
    });
    return read(send(HttpRequest.newBuilder(uri("/v1/jobs/" + jobId)).GET()).body());
  }

  private static JsonNode awaitTask(String jobId, String taskId, java.util.function.Predicate<JsonNode> condition) {
    JsonNode[] found = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      for (JsonNode task : read(send(HttpRequest.newBuilder(uri("/v1/jobs/" + jobId + "/tasks")).GET()).body()).get("tasks")) {
        if (task.get("id").asText().equals(taskId) && condition.test(task)) {
          found[0] = task;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  private static Map<String, String> taskStates(String jobId) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/jobs/" + jobId + "/tasks")).GET());
    Map<String, String> states = new HashMap<>();
    if (response.statusCode() == 200) {
      read(response.body()).get("tasks").forEach(t -> states.put(t.get("id").asText(), t.get("state").asText()));
    }
    return states;
  }

  private static HttpResponse<String> post(Map<String, Object> job) {
    return postWithKey(job, null);
  }

  private static HttpResponse<String> postWithKey(Map<String, Object> job, String idempotencyKey) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/jobs"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(job)));
      if (idempotencyKey != null) {
        request.header("Idempotency-Key", idempotencyKey);
      }
      HttpResponse<String> response = send(request);
      assertThat(response.statusCode()).as(response.body()).isLessThan(500);
      return response;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static URI uri(String path) {
    return gateway.uri().resolve(path);
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String key(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Every committed record of the topic, read from the beginning to its current end. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
      });
      return records;
    }
  }
}
