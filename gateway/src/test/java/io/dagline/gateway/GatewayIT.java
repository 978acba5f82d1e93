package io.dagline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.JobSubmitted;
import io.dagline.schemas.PartitionStatus;
import io.dagline.schemas.TaskCounts;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.TaskStatusEntry;
import io.dagline.serde.KafkaSchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.testkit.KafkaTestCluster;
import io.dagline.topics.DaglineTopics;
import io.dagline.topics.TopicCreator;
import io.dagline.topics.TopicLayout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gateway over HTTP against a real in-process broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIT {

  private static final int MAX_TASKS = 5;
  private static final int MAX_BODY_BYTES = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  private KafkaTestCluster cluster;
  private GatewayServer gateway;
  private KafkaSchemaCatalog catalog;
  private DaglineTopics topics;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** Every job id the gateway accepted or the test wrote itself; nothing else may be on the job topics. */
  private final Set<String> acceptedJobIds = new HashSet<>();

  @BeforeAll
  void start() {
    cluster = KafkaTestCluster.singleNode();
    try (Admin admin = cluster.admin()) {
      TopicCreator.createMissing(admin, DaglineTopics.newTopics(TopicLayout.singleBroker(3), List.of("default")));
    }
    gateway = GatewayServer.start(Map.of(
        "dagline.kafka.bootstrap-servers", cluster.bootstrapServers(),
        "micronaut.server.port", 0,
        "dagline.gateway.max-body-bytes", MAX_BODY_BYTES,
        "dagline.gateway.limits.max-tasks", MAX_TASKS));
    catalog = new KafkaSchemaCatalog(cluster.bootstrapServers(), DaglineTopics.SCHEMAS);
    topics = new DaglineTopics(WireFormat.singleObject(catalog));
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (catalog != null) {
      catalog.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void shouldListenOnTheRealPortWhenAskedForAnyPort() {
    assertThat(gateway.port()).isPositive();
    assertThat(gateway.uri().getPort()).isEqualTo(gateway.port());
  }

  @Test
  @Order(2)
  void shouldAcceptAValidDagPublishItOnceAndAnswerStatusRightAway() throws Exception {
    HttpResponse<String> response = post("""
        {"name": "three", "tasks": [
          {"id": "a", "function": "noop"},
          {"id": "b", "function": "sleep", "args": {"ms": "5"}, "dependencies": ["a"]},
          {"id": "c", "function": "noop", "dependencies": ["a", "b"], "resources": {"cpu": 2, "memoryMb": 64}}]}""");

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    String jobId = body.get("jobId").asText();
    acceptedJobIds.add(jobId);
    assertThat(body.get("state").asText()).isEqualTo("SUBMITTED");
    assertThat(body.at("/links/self").asText()).isEqualTo("/v1/jobs/" + jobId);
    assertThat(body.at("/links/tasks").asText()).isEqualTo("/v1/jobs/" + jobId + "/tasks");
    assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/v1/jobs/" + jobId));

    HttpResponse<String> status = get("/v1/jobs/" + jobId);
    assertThat(status.statusCode()).isEqualTo(200);
    JsonNode job = JSON.readTree(status.body());
    assertThat(job.get("state").asText()).isEqualTo("SUBMITTED");
    assertThat(job.get("name").asText()).isEqualTo("three");
    assertThat(job.get("taskCount").asInt()).isEqualTo(3);
    assertThat(job.get("startedAt").isNull()).isTrue();
    assertThat(job.at("/counts/waiting").asInt()).isZero();

    List<JobCommand> commands = readAll(DaglineTopics.JOB_COMMANDS).stream()
        .filter(r -> jobId.equals(r.key()))
        .map(r -> topics.jobCommands.valueSerde().deserializer().deserialize(r.topic(), r.value()))
        .toList();
    assertThat(commands).hasSize(1);
    JobSubmitted submitted = (JobSubmitted) commands.get(0).getEvent();
    assertThat(submitted.getJobId()).isEqualTo(jobId);
    assertThat(submitted.getTasks()).extracting(t -> t.getId()).containsExactly("a", "b", "c");
    assertThat(submitted.getTasks().get(2).getDependencies()).containsExactly("a", "b");
    assertThat(submitted.getTasks().get(2).getCpu()).isEqualTo(2.0);

    List<JobStatusChanged> statuses = readAll(DaglineTopics.JOB_STATUS).stream()
        .filter(r -> jobId.equals(r.key()))
        .map(r -> topics.jobStatus.valueSerde().deserializer().deserialize(r.topic(), r.value()))
        .toList();
    assertThat(statuses).singleElement().satisfies(s -> {
      assertThat(s.getState()).isEqualTo(JobState.SUBMITTED);
      assertThat(s.getTaskCount()).isEqualTo(3);
      assertThat(s.getSubmittedAt()).isEqualTo(submitted.getSubmittedAt());
    });
  }

  @Test
  @Order(3)
  void shouldServeStatusWrittenByTheScheduler() throws Exception {
    String jobId = "written-by-scheduler";
    acceptedJobIds.add(jobId);
    JobStatusChanged succeeded = JobStatusChanged.newBuilder()
        .setJobId(jobId).setName("n").setState(JobState.SUCCEEDED).setTaskCount(2).setPartitionCount(2)
        .setCounts(TaskCounts.newBuilder().setSucceeded(2).build())
        .setSubmittedAt(1_000).setStartedAt(2_000L).setFinishedAt(3_000L).setUpdatedAt(3_000).build();
    PartitionStatus partition1 = PartitionStatus.newBuilder().setJobId(jobId).setPartition(1).setUpdatedAt(3_000)
        .setTasks(List.of(TaskStatusEntry.newBuilder().setTaskId("z").setState(TaskState.RUNNING).setAttempt(2)
            .setDependencies(List.of("a")).setExecutorId("exec-1").setSite("eu").setStartedAt(2_500L).build())).build();
    PartitionStatus partition0 = PartitionStatus.newBuilder().setJobId(jobId).setPartition(0).setUpdatedAt(3_000)
        .setTasks(List.of(TaskStatusEntry.newBuilder().setTaskId("a").setState(TaskState.SUCCEEDED)
            .setFinishedAt(2_400L).build())).build();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()), new StringSerializer(),
        topics.jobStatus.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(DaglineTopics.JOB_STATUS, jobId, succeeded)).get();
    }
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()), new StringSerializer(),
        topics.partitionStatus.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(DaglineTopics.PARTITION_STATUS, DaglineTopics.partitionKey(jobId, 1), partition1)).get();
      producer.send(new ProducerRecord<>(DaglineTopics.PARTITION_STATUS, DaglineTopics.partitionKey(jobId, 0), partition0)).get();
    }

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      HttpResponse<String> response = get("/v1/jobs/" + jobId);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode job = JSON.readTree(response.body());
      assertThat(job.get("state").asText()).isEqualTo("SUCCEEDED");
      assertThat(job.at("/counts/succeeded").asInt()).isEqualTo(2);
      assertThat(job.get("finishedAt").asText()).isEqualTo("1970-01-01T00:00:03Z");
      assertThat(job.get("partitionCount").asInt()).isEqualTo(2);
    });
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      JsonNode tasks = JSON.readTree(get("/v1/jobs/" + jobId + "/tasks").body());
      assertThat(tasks.get("jobId").asText()).isEqualTo(jobId);
      assertThat(tasks.get("tasks")).extracting(t -> t.get("id").asText()).containsExactly("a", "z");
    });
    JsonNode running = JSON.readTree(get("/v1/jobs/" + jobId + "/tasks?state=RUNNING").body());
    assertThat(running.get("tasks")).singleElement().satisfies(t -> {
      assertThat(t.get("id").asText()).isEqualTo("z");
      assertThat(t.get("attempt").asInt()).isEqualTo(2);
      assertThat(t.get("executorId").asText()).isEqualTo("exec-1");
      assertThat(t.get("startedAt").asText()).isEqualTo("1970-01-01T00:00:02.500Z");
      assertThat(t.get("error").isNull()).isTrue();
    });
  }

  @Test
  @Order(4)
  void shouldAnswerNotFoundForAnUnknownJob() throws Exception {
    assertError(get("/v1/jobs/nope"), 404, "JOB_NOT_FOUND", "nope");
    assertError(get("/v1/jobs/nope/tasks"), 404, "JOB_NOT_FOUND", "nope");
  }

  static Stream<Arguments> badSubmissions() {
    String tooMany = "{\"id\": \"rejected-too-many\", \"tasks\": [" + String.join(",",
        Stream.of("a", "b", "c", "d", "e", "f").map(id -> "{\"id\": \"" + id + "\", \"function\": \"noop\"}").toList()) + "]}";
    String tooLarge = "{\"id\": \"rejected-too-large\", \"name\": \"" + "x".repeat(MAX_BODY_BYTES) + "\", \"tasks\": []}";
    return Stream.of(
        Arguments.of("invalid JSON", "{\"id\": \"rejected-json\", \"tasks\": [", 400, "INVALID_JSON", List.of("not valid JSON")),
        Arguments.of("wrong type", "{\"id\": \"rejected-type\", \"tasks\": [{\"id\": \"a\", \"function\": \"f\", \"dependencies\": \"a\"}]}",
            400, "INVALID_FIELD", List.of("tasks[0].dependencies")),
        Arguments.of("empty job", "{\"id\": \"rejected-empty\", \"tasks\": []}", 400, "INVALID_JOB", List.of("no tasks")),
        Arguments.of("duplicate task ids", "{\"id\": \"rejected-dup\", \"tasks\": [{\"id\": \"twice\", \"function\": \"f\"},"
            + " {\"id\": \"twice\", \"function\": \"f\"}]}", 400, "INVALID_JOB", List.of("\"twice\"")),
        Arguments.of("unknown dependency", "{\"id\": \"rejected-unknown\", \"tasks\": [{\"id\": \"a\", \"function\": \"f\","
            + " \"dependencies\": [\"ghost\"]}]}", 400, "INVALID_JOB", List.of("\"a\"", "\"ghost\"")),
        Arguments.of("self dependency", "{\"id\": \"rejected-self\", \"tasks\": [{\"id\": \"a\", \"function\": \"f\","
            + " \"dependencies\": [\"a\"]}]}", 400, "INVALID_JOB", List.of("\"a\"", "itself")),
        Arguments.of("cycle", "{\"id\": \"rejected-cycle\", \"tasks\": ["
            + "{\"id\": \"a\", \"function\": \"f\", \"dependencies\": [\"c\"]},"
            + "{\"id\": \"b\", \"function\": \"f\", \"dependencies\": [\"a\"]},"
            + "{\"id\": \"c\", \"function\": \"f\", \"dependencies\": [\"b\"]}]}", 400, "INVALID_JOB", List.of("a -> b -> c -> a")),
        Arguments.of("too many tasks", tooMany, 400, "INVALID_JOB", List.of("6 tasks", "limit is " + MAX_TASKS)),
        Arguments.of("missing function", "{\"id\": \"rejected-nofn\", \"tasks\": [{\"id\": \"lonely\"}]}",
            400, "INVALID_JOB", List.of("\"lonely\"", "no function")),
        Arguments.of("payload too large", tooLarge, 413, "PAYLOAD_TOO_LARGE", List.of(Integer.toString(MAX_BODY_BYTES))),
        Arguments.of("payload far too large", tooLarge.repeat(64), 413, "PAYLOAD_TOO_LARGE", List.of(Integer.toString(MAX_BODY_BYTES))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSubmissions")
  @Order(5)
  void shouldRejectABadSubmission(String name, String body, int status, String code, List<String> messageParts)
      throws Exception {
    HttpResponse<String> response = post(body);

    JsonNode error = assertError(response, status, code, messageParts.toArray(String[]::new));
    if (code.equals("INVALID_JOB")) {
      assertThat(error.get("problems")).isNotEmpty();
      assertThat(error.at("/problems/0/message").asText()).isEqualTo(error.get("message").asText());
    }
  }

  @Test
  @Order(6)
  void shouldReportTheCycleAsAPathInTheProblems() throws Exception {
    JsonNode error = JSON.readTree(post("{\"tasks\": [{\"id\": \"a\", \"function\": \"f\", \"dependencies\": [\"b\"]},"
        + "{\"id\": \"b\", \"function\": \"f\", \"dependencies\": [\"a\"]}]}").body());

    assertThat(error.at("/problems/0/code").asText()).isEqualTo("CYCLE");
    assertThat(error.at("/problems/0/cycle")).extracting(JsonNode::asText).containsExactly("a", "b", "a");
  }

  @Test
  @Order(7)
  void shouldAnswerFrameworkErrorsAsJson() throws Exception {
    assertError(send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/nowhere")).header("Accept", "text/html").GET()),
        404, "NOT_FOUND", "/v1/nowhere");
    assertError(send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs"))
            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}"))),
        415, "UNSUPPORTED_MEDIA_TYPE");
    assertError(send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}"))),
        415, "UNSUPPORTED_MEDIA_TYPE", "no Content-Type");
    assertError(send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs/x")).DELETE()), 404, "JOB_NOT_FOUND", "\"x\"");
    assertError(send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs/x"))
        .method("PATCH", HttpRequest.BodyPublishers.noBody())), 405, "METHOD_NOT_ALLOWED");
    assertError(send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs"))
            .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString("<job/>"))),
        415, "UNSUPPORTED_MEDIA_TYPE");
    assertError(get("/v1/jobs/written-by-scheduler/tasks?state=SLEEPING"), 400, "INVALID_PARAMETER", "SLEEPING");
    assertError(get("/v1/jobs/" + "x".repeat(20_000)), 414, "URI_TOO_LONG", "request line");
    assertError(send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs")).header("X-Padding", "p".repeat(20_000)).GET()),
        431, "HEADERS_TOO_LARGE", "headers");
    assertError(send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody())), 400, "INVALID_JSON");
  }

  @Test
  @Order(8)
  void shouldReturnTheSameJobForARepeatedPostAndRefuseADifferentBodyUnderItsId() throws Exception {
    String body = "{\"id\": \"posted-twice\", \"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}";
    acceptedJobIds.add("posted-twice");
    assertThat(post(body).statusCode()).isEqualTo(202);

    HttpResponse<String> again = post(body);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("jobId").asText()).isEqualTo("posted-twice");
    assertError(post("{\"id\": \"posted-twice\", \"tasks\": [{\"id\": \"b\", \"function\": \"noop\"}]}"),
        409, "JOB_ALREADY_EXISTS", "posted-twice");

    String keyed = "{\"tasks\": [{\"id\": \"a\", \"function\": \"sleep\"}]}";
    HttpResponse<String> first = send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs"))
        .header("Content-Type", "application/json").header("Idempotency-Key", "retry-me-1")
        .POST(HttpRequest.BodyPublishers.ofString(keyed)));
    HttpResponse<String> second = send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs"))
        .header("Content-Type", "application/json").header("Idempotency-Key", "retry-me-1")
        .POST(HttpRequest.BodyPublishers.ofString(keyed)));
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(200);
    String keyedId = JSON.readTree(first.body()).get("jobId").asText();
    acceptedJobIds.add(keyedId);
    assertThat(JSON.readTree(second.body()).get("jobId").asText()).isEqualTo(keyedId);
    for (String jobId : List.of("posted-twice", keyedId)) {
      List<String> commands = readAll(DaglineTopics.JOB_COMMANDS).stream().filter(r -> r.key().equals(jobId))
          .map(r -> HexFormat.of().formatHex(r.value())).toList();
      assertThat(commands).as("the repeat of a still SUBMITTED job publishes its command again, unchanged")
          .hasSize(2).containsOnly(commands.get(0));
    }
  }

  @Test
  @Order(9)
  void shouldCancelAJobAndAnswerACancellationOfAFinishedJobWithItsState() throws Exception {
    String jobId = JSON.readTree(post("{\"id\": \"to-cancel\", \"tasks\": [{\"id\": \"a\", \"function\": \"sleep\"}]}")
        .body()).get("jobId").asText();
    acceptedJobIds.add(jobId);

    HttpResponse<String> cancel = send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs/" + jobId)).DELETE());
    assertThat(cancel.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(cancel.body()).get("jobId").asText()).isEqualTo(jobId);
    assertThat(readAll(DaglineTopics.JOB_COMMANDS).stream().filter(r -> r.key().equals(jobId))
        .map(r -> topics.jobCommands.valueSerde().deserializer().deserialize(r.topic(), r.value()).getEvent()))
        .hasSize(2).last().isInstanceOf(io.dagline.schemas.CancelJob.class);

    HttpResponse<String> finished = send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs/written-by-scheduler")).DELETE());
    assertThat(finished.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(finished.body()).get("state").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  @Order(100)
  void shouldHavePublishedNothingOfARejectedRequest() throws Exception {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(readAll(DaglineTopics.JOB_COMMANDS));
    records.addAll(readAll(DaglineTopics.JOB_STATUS));

    assertThat(records).extracting(ConsumerRecord::key).isNotEmpty().allSatisfy(key -> assertThat(acceptedJobIds).contains(key));
  }

  private JsonNode assertError(HttpResponse<String> response, int status, String code, String... messageParts)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.get("error").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).isNotBlank();
    if (messageParts.length > 0) {
      assertThat(error.get("message").asText()).contains(messageParts);
    }
    return error;
  }

  private HttpResponse<String> post(String body) throws Exception {
    return send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(gateway.uri().resolve(path)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Every record of the topic, read from the beginning to its current end. */
  private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
      });
      return records;
    }
  }
}
