package io.dagline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dagline.schemas.AttemptSummary;
import io.dagline.schemas.DispatchEvent;
import io.dagline.schemas.ExecutorHeartbeat;
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
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The product surface of the gateway against a real broker: job list and task paging, WfFormat
 * submission, attempts, live events, cluster views, OpenAPI, health and metrics. Status is written
 * into the compacted topics directly, as the scheduler would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayProductIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WORKFLOW = "/wfformat/srasearch-chameleon-10a-001.json";

  private KafkaTestCluster cluster;
  private GatewayServer gateway;
  private KafkaSchemaCatalog catalog;
  private DaglineTopics topics;
  private KafkaProducer<String, JobStatusChanged> jobStatus;
  private KafkaProducer<String, PartitionStatus> partitionStatus;
  private KafkaProducer<String, DispatchEvent> dispatch;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() {
    cluster = KafkaTestCluster.singleNode();
    try (Admin admin = cluster.admin()) {
      TopicCreator.createMissing(admin, DaglineTopics.newTopics(TopicLayout.singleBroker(3), List.of("default")));
    }
    gateway = GatewayServer.start(Map.of(
        "dagline.kafka.bootstrap-servers", cluster.bootstrapServers(),
        "micronaut.server.port", 0,
        "dagline.gateway.pools", "default,batch,listing",
        "dagline.gateway.sse-keep-alive", "1s"));
    catalog = new KafkaSchemaCatalog(cluster.bootstrapServers(), DaglineTopics.SCHEMAS);
    topics = new DaglineTopics(WireFormat.singleObject(catalog));
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    jobStatus = new KafkaProducer<>(config, new StringSerializer(), topics.jobStatus.valueSerde().serializer());
    partitionStatus = new KafkaProducer<>(config, new StringSerializer(), topics.partitionStatus.valueSerde().serializer());
    dispatch = new KafkaProducer<>(config, new StringSerializer(), topics.dispatchEvents.valueSerde().serializer());
  }

  @AfterAll
  void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {jobStatus, partitionStatus, dispatch, gateway, catalog, cluster}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // closing the rest matters more
      }
    }
  }

  @Test
  void shouldListJobsNewestFirstAPageAtATimeWithFilters() throws Exception {
    long base = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < 7; i++) {
      publish(job("list-" + i, i % 2 == 0 ? JobState.RUNNING : JobState.SUCCEEDED, i < 5 ? "listing" : "default",
          base + i * 1000L));
    }
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> idsOf(getJson("/v1/jobs?pool=listing&limit=100")).size() == 5);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = getJson("/v1/jobs?pool=listing&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      seen.addAll(idsOf(page));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
      if (pages == 1) {
        // A job arriving while paging is newer than the cursor: the next pages neither repeat nor skip.
        publish(job("list-late", JobState.RUNNING, "listing", base + 60_000));
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> idsOf(getJson("/v1/jobs?pool=listing&limit=1")).contains("list-late"));
      }
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("list-4", "list-3", "list-2", "list-1", "list-0");

    assertThat(idsOf(getJson("/v1/jobs?pool=listing&state=running&limit=100")))
        .containsExactly("list-late", "list-4", "list-2", "list-0");
    assertThat(idsOf(getJson("/v1/jobs?since=2030-01-01T00:00:02Z&until=2030-01-01T00:00:05Z")))
        .containsExactly("list-4", "list-3", "list-2");
    assertError(get("/v1/jobs?state=NOPE"), 400, "INVALID_PARAMETER");
    assertError(get("/v1/jobs?since=yesterday"), 400, "INVALID_PARAMETER");
    assertError(get("/v1/jobs?limit=0"), 400, "INVALID_PARAMETER");
    assertError(get("/v1/jobs?cursor=!!not-a-cursor"), 400, "INVALID_PARAMETER");
  }

  @Test
  void shouldPageTasksByIdAndKeepTheUnpagedAnswer() throws Exception {
    String jobId = "paged-tasks";
    publish(job(jobId, JobState.RUNNING, null, 5_000));
    List<TaskStatusEntry> part0 = new ArrayList<>();
    List<TaskStatusEntry> part1 = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      TaskStatusEntry task = TaskStatusEntry.newBuilder().setTaskId("t" + i)
          .setState(i < 4 ? TaskState.SUCCEEDED : TaskState.WAITING)
          .setDependencies(i == 0 ? List.of() : List.of("t" + (i - 1))).build();
      (i % 2 == 0 ? part0 : part1).add(task);
    }
    publish(partition(jobId, 0, part0, 6_000));
    publish(partition(jobId, 1, part1, 6_000));
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> getJson("/v1/jobs/" + jobId + "/tasks").get("tasks").size() == 9);

    JsonNode all = getJson("/v1/jobs/" + jobId + "/tasks");
    assertThat(all.get("nextCursor").isNull()).isTrue();
    assertThat(all.get("tasks").get(3).get("dependencies")).extracting(JsonNode::asText).containsExactly("t2");

    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = getJson("/v1/jobs/" + jobId + "/tasks?limit=4" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.get("jobId").asText()).isEqualTo(jobId);
      page.get("tasks").forEach(task -> paged.add(task.get("id").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    assertThat(paged).containsExactly("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8");

    JsonNode waiting = getJson("/v1/jobs/" + jobId + "/tasks?state=WAITING&limit=3");
    assertThat(waiting.get("tasks")).extracting(t -> t.get("id").asText()).containsExactly("t4", "t5", "t6");
    JsonNode rest = getJson("/v1/jobs/" + jobId + "/tasks?state=WAITING&limit=3&cursor=" + waiting.get("nextCursor").asText());
    assertThat(rest.get("tasks")).extracting(t -> t.get("id").asText()).containsExactly("t7", "t8");
    assertThat(rest.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void shouldShowEveryAttemptOfATaskWithItsErrors() throws Exception {
    String jobId = "attempts";
    publish(job(jobId, JobState.RUNNING, null, 7_000));
    TaskStatusEntry flaky = TaskStatusEntry.newBuilder().setTaskId("flaky").setState(TaskState.RUNNING).setAttempt(3)
        .setExecutorId("exec-3").setSite("eu").setStartedAt(9_000L).setError("timeout")
        .setPreviousAttempts(List.of(
            new AttemptSummary(1, "exec-1", "eu", 7_100L, 7_200L, TaskState.FAILED, "disk full"),
            new AttemptSummary(2, "exec-2", "eu", 8_000L, 8_500L, TaskState.FAILED, "timeout")))
        .build();
    TaskStatusEntry waiting = TaskStatusEntry.newBuilder().setTaskId("later").setState(TaskState.WAITING)
        .setDependencies(List.of("flaky")).build();
    publish(partition(jobId, 0, List.of(flaky, waiting), 9_000));

    await().atMost(Duration.ofSeconds(30)).until(() -> get("/v1/jobs/" + jobId + "/tasks/flaky").statusCode() == 200);
    JsonNode task = getJson("/v1/jobs/" + jobId + "/tasks/flaky");
    assertThat(task.get("jobId").asText()).isEqualTo(jobId);
    assertThat(task.get("state").asText()).isEqualTo("RUNNING");
    JsonNode attempts = task.get("attempts");
    assertThat(attempts).hasSize(3);
    assertThat(attempts.get(0).get("attempt").asInt()).isEqualTo(1);
    assertThat(attempts.get(0).get("executorId").asText()).isEqualTo("exec-1");
    assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("FAILED");
    assertThat(attempts.get(0).get("error").asText()).isEqualTo("disk full");
    assertThat(attempts.get(0).get("startedAt").asText()).isEqualTo("1970-01-01T00:00:07.100Z");
    assertThat(attempts.get(1).get("error").asText()).isEqualTo("timeout");
    assertThat(attempts.get(2).get("attempt").asInt()).isEqualTo(3);
    assertThat(attempts.get(2).get("outcome").asText()).isEqualTo("RUNNING");
    assertThat(attempts.get(2).get("site").asText()).isEqualTo("eu");
    assertThat(attempts.get(2).get("error").isNull()).as("the running attempt has no error yet").isTrue();
    assertThat(attempts.get(2).get("finishedAt").isNull()).isTrue();

    assertThat(getJson("/v1/jobs/" + jobId + "/tasks/later").get("attempts")).as("not started yet").isEmpty();
    assertError(get("/v1/jobs/" + jobId + "/tasks/nope"), 404, "TASK_NOT_FOUND");
    assertError(get("/v1/jobs/nope/tasks/flaky"), 404, "JOB_NOT_FOUND");
  }

  @Test
  void shouldStreamJobAndTaskEventsUntilTheJobIsFinal() throws Exception {
    String jobId = "streamed";
    publish(job(jobId, JobState.RUNNING, null, 10_000));
    TaskStatusEntry.Builder task = TaskStatusEntry.newBuilder().setTaskId("only").setState(TaskState.READY);
    publish(partition(jobId, 0, List.of(task.build()), 10_100));
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/v1/jobs/" + jobId + "/tasks").body().contains("READY"));

    HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs/" + jobId + "/events"))
        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    CompletableFuture<List<Sse>> events = CompletableFuture.supplyAsync(() -> readEvents(stream.body()));

    publish(partition(jobId, 0, List.of(task.setState(TaskState.RUNNING).setExecutorId("e1").setStartedAt(10_200L).build()), 10_200));
    publish(job(jobId, JobState.RUNNING, null, 10_000, 10_200));
    publish(partition(jobId, 0, List.of(task.setState(TaskState.SUCCEEDED).setFinishedAt(10_300L).build()), 10_300));
    publish(job(jobId, JobState.SUCCEEDED, null, 10_000, 10_300));

    List<Sse> received = events.get(60, TimeUnit.SECONDS);
    List<String> jobStates = new ArrayList<>();
    List<String> taskStates = new ArrayList<>();
    for (Sse event : received) {
      JsonNode data = JSON.readTree(event.data());
      if (event.name().equals("job")) {
        assertThat(data.get("jobId").asText()).isEqualTo(jobId);
        jobStates.add(data.get("state").asText());
      } else if (event.name().equals("tasks")) {
        assertThat(data.isArray()).isTrue();
        data.forEach(t -> taskStates.add(t.get("id").asText() + ":" + t.get("state").asText()));
      }
    }
    assertThat(jobStates).first().isEqualTo("RUNNING");
    assertThat(jobStates).last().isEqualTo("SUCCEEDED");
    assertThat(taskStates).startsWith("only:READY").contains("only:RUNNING");
    assertThat(received).last().satisfies(last -> assertThat(last.name()).isEqualTo("job"));

    assertError(get("/v1/jobs/nope/events"), 404, "JOB_NOT_FOUND");
    // A finished job's stream is its final status, then the end.
    HttpResponse<Stream<String>> finished = http.send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs/" + jobId + "/events"))
        .GET().build(), HttpResponse.BodyHandlers.ofLines());
    List<Sse> replay = CompletableFuture.supplyAsync(() -> readEvents(finished.body())).get(30, TimeUnit.SECONDS);
    assertThat(replay).last().satisfies(last -> assertThat(JSON.readTree(last.data()).get("state").asText()).isEqualTo("SUCCEEDED"));
  }

  @Test
  void shouldStreamEveryJobsStatusChanges() throws Exception {
    HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/events"))
        .GET().build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    Iterator<String> lines = stream.body().iterator();
    CompletableFuture<Sse> firstOfOurs = CompletableFuture.supplyAsync(() -> {
      for (Sse event = next(lines); event != null; event = next(lines)) {
        if (event.data().contains("\"all-jobs-stream\"")) {
          return event;
        }
      }
      return null;
    });
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      publish(job("all-jobs-stream", JobState.RUNNING, null, 11_000));
      assertThat(firstOfOurs.get(2, TimeUnit.SECONDS)).isNotNull();
    });
    assertThat(firstOfOurs.get().name()).isEqualTo("job");
    stream.body().close();
  }

  @Test
  void shouldKeepAnIdleStreamOpenWithCommentsThatAreNotEvents() throws Exception {
    HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/events"))
        .GET().build(), HttpResponse.BodyHandlers.ofLines());
    Iterator<String> lines = stream.body().iterator();
    List<String> seen = new ArrayList<>();
    CompletableFuture<Void> twoComments = CompletableFuture.runAsync(() -> {
      int comments = 0;
      while (comments < 2 && lines.hasNext()) {
        String line = lines.next();
        seen.add(line);
        if (line.startsWith(":")) {
          comments++;
        }
      }
    });
    twoComments.get(30, TimeUnit.SECONDS);
    stream.body().close();
    assertThat(seen).as("a keep-alive is a comment line, never an event").noneMatch(line -> line.startsWith("data:") || line.startsWith("event:"));
    assertThat(seen).filteredOn(line -> line.startsWith(":")).allSatisfy(line -> assertThat(line).contains("keep-alive"));
  }

  @Test
  void shouldAcceptAWfFormatInstanceAsAReplayJobAndRefuseOtherMediaTypes() throws Exception {
    byte[] workflow;
    try (InputStream in = GatewayProductIT.class.getResourceAsStream(WORKFLOW)) {
      workflow = in.readAllBytes();
    }
    HttpResponse<String> response = send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs?pool=batch"))
        .header("Content-Type", "application/wfformat+json").POST(HttpRequest.BodyPublishers.ofByteArray(workflow)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    String jobId = JSON.readTree(response.body()).get("jobId").asText();
    JobSubmitted submitted = submittedJob(jobId);
    assertThat(submitted.getName()).isEqualTo("workflow-test");
    assertThat(submitted.getPool()).isEqualTo("batch");
    assertThat(submitted.getTasks()).hasSize(22).allSatisfy(task -> assertThat(task.getFunction()).isEqualTo("replay"));
    JsonNode status = getJson("/v1/jobs/" + jobId);
    assertThat(status.get("taskCount").asInt()).isEqualTo(22);

    HttpResponse<String> byQuery = send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs?format=wfformat"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(workflow)));
    assertThat(byQuery.statusCode()).as(byQuery.body()).isEqualTo(202);

    assertError(send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs"))
        .header("Content-Type", "application/wfformat+json").POST(HttpRequest.BodyPublishers.ofString("{\"tasks\": []}"))),
        400, "INVALID_WFFORMAT");
    assertError(send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("a -> b"))), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertError(send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs?format=yaml"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))), 400, "INVALID_PARAMETER");
  }

  @Test
  void shouldShowExecutorsSitesAndPools() throws Exception {
    long now = System.currentTimeMillis();
    dispatch.send(new ProducerRecord<>(DaglineTopics.DISPATCH_EVENTS, "eu", new DispatchEvent(
        new ExecutorHeartbeat("exec-eu-1", "eu", 4, 1, 2.0, now, false, List.of(), List.of(), List.of())))).get();
    dispatch.send(new ProducerRecord<>(DaglineTopics.DISPATCH_EVENTS, "us", new DispatchEvent(
        new ExecutorHeartbeat("exec-us-1", "us", 2, 2, 1.0, now, false, List.of(), List.of(), List.of())))).get();

    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> getJson("/v1/executors").get("executors").size() == 2);
    JsonNode executor = getJson("/v1/executors").get("executors").get(0);
    assertThat(executor.get("id").asText()).isEqualTo("exec-eu-1");
    assertThat(executor.get("site").asText()).isEqualTo("eu");
    assertThat(executor.get("slots").asInt()).isEqualTo(4);
    assertThat(executor.get("freeSlots").asInt()).isEqualTo(3);
    assertThat(executor.get("speed").asDouble()).isEqualTo(2.0);
    assertThat(Instant.parse(executor.get("lastHeartbeat").asText()).toEpochMilli()).isEqualTo(now);
    assertThat(executor.get("alive").asBoolean()).isTrue();

    JsonNode sites = getJson("/v1/sites").get("sites");
    assertThat(sites).extracting(s -> s.get("name").asText() + ":" + s.get("slots").asInt() + ":" + s.get("freeSlots").asInt())
        .containsExactly("eu:4:3", "us:2:0");
    assertThat(getJson("/v1/pools").get("pools")).extracting(p -> p.get("name").asText()).containsExactly("batch", "default", "listing");

    dispatch.send(new ProducerRecord<>(DaglineTopics.DISPATCH_EVENTS, "us", new DispatchEvent(
        new ExecutorHeartbeat("exec-us-1", "us", 2, 0, 1.0, now + 1, true, List.of(), List.of(), List.of())))).get();
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> getJson("/v1/executors").get("executors").size() == 1);
  }

  @Test
  void shouldServeTheOpenApiDocumentHealthAndMetrics() throws Exception {
    HttpResponse<String> openApi = get("/openapi.yml");
    assertThat(openApi.statusCode()).isEqualTo(200);
    assertThat(openApi.body()).contains("openapi: 3", "/v1/jobs/{id}/tasks/{taskId}", "/v1/jobs/{id}/events", "/v1/executors");
    assertThat(get("/swagger/" + GatewayApi.DOCUMENT_FILE).statusCode()).isEqualTo(200);

    assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      HttpResponse<String> readiness = get("/health/readiness");
      assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
      assertThat(JSON.readTree(readiness.body()).get("status").asText()).isEqualTo("UP");
    });

    send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}")));
    send(HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"tasks\": [{\"id\": \"a\", \"function\": \"nope\"}]}")));
    HttpResponse<String> metrics = get("/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains(
        "dagline_gateway_jobs_submitted_total{format=\"json\"",
        "dagline_gateway_jobs_rejected_total{error=\"INVALID_JOB\",format=\"json\"",
        "dagline_gateway_sse_subscribers",
        "dagline_gateway_status_view_jobs",
        "dagline_gateway_status_view_caught_up 1",
        "http_server_requests_seconds_count");
  }

  // ---- helpers --------------------------------------------------------------------------------

  private record Sse(String name, String data) {}

  /** Reads server-sent events until the stream ends; comments and unnamed keep-alives are skipped. */
  private static List<Sse> readEvents(Stream<String> lines) {
    List<Sse> events = new ArrayList<>();
    Iterator<String> iterator = lines.iterator();
    for (Sse event = next(iterator); event != null; event = next(iterator)) {
      events.add(event);
    }
    return events;
  }

  private static Sse next(Iterator<String> lines) {
    String name = null;
    StringBuilder data = new StringBuilder();
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        if (name != null) {
          return new Sse(name, data.toString());
        }
        data.setLength(0);
      } else if (line.startsWith("event:")) {
        name = line.substring(6).trim();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5).trim());
      }
    }
    return name == null ? null : new Sse(name, data.toString());
  }

  private static JobStatusChanged job(String jobId, JobState state, String pool, long submittedAt) {
    return job(jobId, state, pool, submittedAt, submittedAt);
  }

  private static JobStatusChanged job(String jobId, JobState state, String pool, long submittedAt, long updatedAt) {
    return JobStatusChanged.newBuilder().setJobId(jobId).setPool(pool).setState(state).setTaskCount(1)
        .setPartitionCount(1).setCounts(TaskCounts.newBuilder().build()).setSubmittedAt(submittedAt)
        .setUpdatedAt(updatedAt).build();
  }

  private static PartitionStatus partition(String jobId, int partition, List<TaskStatusEntry> tasks, long updatedAt) {
    return PartitionStatus.newBuilder().setJobId(jobId).setPartition(partition).setUpdatedAt(updatedAt).setTasks(tasks).build();
  }

  private void publish(JobStatusChanged status) throws Exception {
    jobStatus.send(new ProducerRecord<>(DaglineTopics.JOB_STATUS, status.getJobId(), status)).get();
  }

  private void publish(PartitionStatus status) throws Exception {
    partitionStatus.send(new ProducerRecord<>(DaglineTopics.PARTITION_STATUS,
        DaglineTopics.partitionKey(status.getJobId(), status.getPartition()), status)).get();
  }

  private JobSubmitted submittedJob(String jobId) {
    var deserializer = topics.jobCommands.valueSerde().deserializer();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(DaglineTopics.JOB_COMMANDS).stream()
          .map(p -> new TopicPartition(DaglineTopics.JOB_COMMANDS, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      JobSubmitted[] found = new JobSubmitted[1];
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
          JobCommand command = deserializer.deserialize(record.topic(), record.value());
          if (command.getEvent() instanceof JobSubmitted submitted && submitted.getJobId().equals(jobId)) {
            found[0] = submitted;
          }
        });
        return found[0] != null;
      });
      return found[0];
    }
  }

  private static List<String> idsOf(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("jobs").forEach(job -> ids.add(job.get("jobId").asText()));
    return ids;
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo(code);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(gateway.uri().resolve(path)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
