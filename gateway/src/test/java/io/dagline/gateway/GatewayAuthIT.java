package io.dagline.gateway;

import static io.dagline.gateway.GatewayProductIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dagline.gateway.auth.ApiTokens;
import io.dagline.testkit.KafkaTestCluster;
import io.dagline.topics.DaglineTopics;
import io.dagline.topics.TopicCreator;
import io.dagline.topics.TopicLayout;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * API tokens and tenants against a real broker: who may call, who sees which job, who may use which pool;
 * and readiness while the broker is unreachable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayAuthIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE = "alice-token-5f1c0a";
  private static final String BOB = "bob-token-93be21";
  private static final String JOB = """
      {"tasks": [{"id": "a", "function": "noop"}]}""";

  private KafkaTestCluster cluster;
  private GatewayServer gateway;
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
        "dagline.gateway.pools", "default,alice-only",
        "dagline.gateway.auth.enabled", true,
        "dagline.gateway.auth.tokens", "alice:" + ApiTokens.digest(ALICE) + ",bob:" + ApiTokens.digest(BOB),
        "dagline.gateway.auth.pool-owners", "alice-only:alice"));
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldRefuseTheApiWithoutAValidTokenButKeepHealthMetricsAndTheDocumentOpen() throws Exception {
    assertError(send(request("/v1/jobs", null).GET()), 401, "UNAUTHORIZED");
    assertError(send(request("/v1/jobs", "wrong").GET()), 401, "UNAUTHORIZED");
    assertError(send(request("/v1/jobs", null).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JOB))), 401, "UNAUTHORIZED");
    assertError(send(request("/v1/executors", null).GET()), 401, "UNAUTHORIZED");
    assertError(send(request("/v1/events", null).GET()), 401, "UNAUTHORIZED");
    HttpResponse<String> basic = send(request("/v1/jobs", null).header("Authorization", "Basic " + ALICE).GET());
    assertError(basic, 401, "UNAUTHORIZED");
    assertThat(basic.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));

    assertThat(send(request("/health/liveness", null).GET()).statusCode()).isEqualTo(200);
    assertThat(send(request("/prometheus", null).GET()).statusCode()).isEqualTo(200);
    assertThat(send(request("/openapi.yml", null).GET()).statusCode()).isEqualTo(200);
    assertThat(send(request("/v1/jobs", ALICE).GET()).statusCode()).isEqualTo(200);
    assertError(send(request("/v1/jobs?access_token=" + ALICE, null).GET()), 401, "UNAUTHORIZED");
  }

  @Test
  void shouldTakeAQueryTokenOnlyOnAGetOfAnEventStreamRoute() throws Exception {
    // A job whose id is "events" must not turn its own routes into event streams.
    assertThat(send(request("/v1/jobs", ALICE).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JOB.replaceFirst("\\{", "{\"id\": \"events\", ")))).statusCode())
        .isIn(200, 202);
    assertError(send(request("/v1/jobs/events?access_token=" + ALICE, null).GET()), 401, "UNAUTHORIZED");
    assertError(send(request("/v1/jobs/events?access_token=" + ALICE, null).DELETE()), 401, "UNAUTHORIZED");
    assertError(send(request("/v1/jobs/events/tasks/events?access_token=" + ALICE, null).GET()), 401, "UNAUTHORIZED");
    assertError(send(request("/v1/jobs/events/events?access_token=" + ALICE, null).DELETE()), 401, "UNAUTHORIZED");
    assertThat(send(request("/v1/jobs/events", ALICE).GET()).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldTakeTheTokenAsAQueryParameterOnTheEventStreamsForBrowsers() throws Exception {
    String alicesJob = submit(ALICE, JOB);
    assertError(send(request("/v1/jobs/" + alicesJob + "/events?access_token=" + BOB, null).GET()), 404, "JOB_NOT_FOUND");
    assertError(send(request("/v1/events?access_token=wrong", null).GET()), 401, "UNAUTHORIZED");
    HttpResponse<java.util.stream.Stream<String>> stream = http.send(
        request("/v1/jobs/" + alicesJob + "/events?access_token=" + ALICE, null).GET().build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body().filter(line -> line.startsWith("event:")).findFirst()).isPresent();
    stream.body().close();
  }

  @Test
  void shouldShowEachTenantOnlyItsOwnJobs() throws Exception {
    String alicesJob = submit(ALICE, JOB);
    String bobsJob = submit(BOB, JOB);

    JsonNode job = JSON.readTree(send(request("/v1/jobs/" + alicesJob, ALICE).GET()).body());
    assertThat(job.get("tenant").asText()).isEqualTo("alice");
    assertError(send(request("/v1/jobs/" + alicesJob, BOB).GET()), 404, "JOB_NOT_FOUND");
    assertError(send(request("/v1/jobs/" + alicesJob + "/tasks", BOB).GET()), 404, "JOB_NOT_FOUND");
    assertError(send(request("/v1/jobs/" + alicesJob + "/tasks/a", BOB).GET()), 404, "JOB_NOT_FOUND");
    assertError(send(request("/v1/jobs/" + alicesJob + "/events", BOB).GET()), 404, "JOB_NOT_FOUND");
    assertError(send(request("/v1/jobs/" + alicesJob, BOB).DELETE()), 404, "JOB_NOT_FOUND");

    List<String> alicesList = ids(JSON.readTree(send(request("/v1/jobs?limit=1000", ALICE).GET()).body()));
    List<String> bobsList = ids(JSON.readTree(send(request("/v1/jobs?limit=1000", BOB).GET()).body()));
    assertThat(alicesList).contains(alicesJob).doesNotContain(bobsJob);
    assertThat(bobsList).contains(bobsJob).doesNotContain(alicesJob);

    assertThat(send(request("/v1/jobs/" + bobsJob, BOB).DELETE()).statusCode()).isEqualTo(202);
  }

  @Test
  void shouldKeepAPoolToItsTenant() throws Exception {
    String poolJob = """
        {"pool": "alice-only", "tasks": [{"id": "a", "function": "noop"}]}""";
    assertError(send(request("/v1/jobs", BOB).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(poolJob))), 403, "POOL_FORBIDDEN");
    String taskPoolJob = """
        {"tasks": [{"id": "a", "function": "noop", "pool": "alice-only"}]}""";
    assertError(send(request("/v1/jobs", BOB).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(taskPoolJob))), 403, "POOL_FORBIDDEN");
    submit(ALICE, poolJob);

    JsonNode pools = JSON.readTree(send(request("/v1/pools", BOB).GET()).body()).get("pools");
    List<String> owners = new ArrayList<>();
    pools.forEach(pool -> owners.add(pool.get("name").asText() + ":" + pool.get("tenant").asText()));
    assertThat(owners).containsExactly("alice-only:alice", "default:null");
  }

  @Test
  void shouldGiveEachTenantItsOwnIdempotencyKeys() throws Exception {
    HttpResponse<String> alice = send(request("/v1/jobs", ALICE).header("Content-Type", "application/json")
        .header("Idempotency-Key", "nightly").POST(HttpRequest.BodyPublishers.ofString(JOB)));
    HttpResponse<String> bob = send(request("/v1/jobs", BOB).header("Content-Type", "application/json")
        .header("Idempotency-Key", "nightly").POST(HttpRequest.BodyPublishers.ofString(JOB)));
    assertThat(alice.statusCode()).isEqualTo(202);
    assertThat(bob.statusCode()).as(bob.body()).isEqualTo(202);
    assertThat(JSON.readTree(alice.body()).get("jobId")).isNotEqualTo(JSON.readTree(bob.body()).get("jobId"));
  }

  @Test
  void shouldBeLiveButNotReadyWhileTheBrokerIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (GatewayServer orphan = GatewayServer.start(Map.of(
        "dagline.kafka.bootstrap-servers", "127.0.0.1:" + closedPort,
        "micronaut.server.port", 0))) {
      HttpResponse<String> liveness = http.send(HttpRequest.newBuilder(orphan.uri().resolve("/health/liveness")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(liveness.statusCode()).isEqualTo(200);
      // Several checks over a while: never ready.
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(orphan.uri().resolve("/health/readiness")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
        assertThat(JSON.readTree(readiness.body()).get("status").asText()).isEqualTo("DOWN");
        Thread.sleep(1_000);
      }
    }
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(send(request("/health/readiness", null).GET()).statusCode()).isEqualTo(200));
  }

  private String submit(String token, String body) throws Exception {
    HttpResponse<String> response = send(request("/v1/jobs", token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).get("jobId").asText();
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("jobs").forEach(job -> ids.add(job.get("jobId").asText()));
    return ids;
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri().resolve(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
