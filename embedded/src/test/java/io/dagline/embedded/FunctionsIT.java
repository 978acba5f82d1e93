package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dagline.executor.FunctionSettings;
import io.dagline.scheduler.ExclusionSettings;
import io.dagline.scheduler.SchedulerSettings;
import io.dagline.schemas.TaskDispatched;
import io.dagline.serde.KafkaSchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.testkit.KafkaTestCluster;
import io.dagline.topics.DaglineTopics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' own work on a real broker, through the whole stack: a function from a jar in the executors'
 * functions directory, results passed down a chain that crosses graph partitions, {@code command}
 * tasks (output, exit code, allow-list, timeout and cancel with no process left behind) and
 * {@code http} tasks against a server on 127.0.0.1 (result, 5xx retried, 4xx not).
 */
class FunctionsIT {

  private static final Map<String, Object> FAST_RETRY = Map.of("initialIntervalMs", 50, "maxIntervalMs", 200);

  @TempDir
  static Path dataDir;

  @TempDir
  static Path work;

  private static KafkaTestCluster kafka;
  private static DaglineStack stack;
  private static HttpServer server;
  private static GatewayClient gateway;
  private static final AtomicInteger flakyCalls = new AtomicInteger();
  private static final AtomicInteger badCalls = new AtomicInteger();

  @BeforeAll
  static void startStack() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/fn/ping", exchange -> answer(exchange, 200, "pong"));
    server.createContext("/fn/flaky", exchange ->
        answer(exchange, flakyCalls.incrementAndGet() == 1 ? 500 : 200, flakyCalls.get() == 1 ? "overloaded" : "recovered"));
    server.createContext("/fn/bad", exchange -> {
      badCalls.incrementAndGet();
      answer(exchange, 400, "no such thing");
    });
    server.start();
    kafka = KafkaTestCluster.singleNode();
    String functionsDir = System.getProperty("dagline.exampleFunctionsDir", "../examples/functions/target");
    stack = DaglineStack.start(DaglineStack.Options.local(kafka.bootstrapServers(), dataDir, -1)
        .withExecutors(2, 4)
        // Tasks here fail on purpose; excluding the executors they failed on would only slow the others down.
        .withScheduler(SchedulerSettings.defaults().withTasksPerPartition(2).withExclusion(ExclusionSettings.disabled()))
        .withFunctions(FunctionSettings.builtInOnly()
            .withFunctionsDir(Path.of(functionsDir))
            .withCommandsAllowed(Set.of("sh", "sha256sum"))
            .withHttpAllowed(List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fn/")))));
    gateway = new GatewayClient(stack.gatewayUri());
    // The gateway accepts "add" once it has heard an executor announce it.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        gateway.get("/v1/executors").body().toString()).contains("\"add\""));
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void shouldRunAFunctionFromAJarAndPassResultsDownAChainAcrossGraphPartitions() {
    post(Map.of("id", "sum-chain", "tasks", List.of(
        Map.of("id", "one", "function", "add", "args", Map.of("value", "1")),
        Map.of("id", "two", "function", "add", "args", Map.of("value", "2"), "dependencies", List.of("one")),
        Map.of("id", "three", "function", "add", "args", Map.of("value", "3"), "dependencies", List.of("two")))));

    JobAssertions.awaitState(gateway, "sum-chain", "SUCCEEDED", Duration.ofSeconds(60));

    assertThat(result("sum-chain", "one")).isEqualTo("1");
    assertThat(result("sum-chain", "two")).isEqualTo("3");
    assertThat(result("sum-chain", "three")).isEqualTo("6");
    assertThat(partitionsDispatchedFor("sum-chain")).as("the chain crosses graph partitions").hasSize(2);
  }

  @Test
  void shouldRefuseAJobCallingAFunctionNoExecutorOffers() {
    GatewayClient.Response response = gateway.postJob(Map.of("id", "unknown-function", "tasks", List.of(
        Map.of("id", "a", "function", "transmogrify"))));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().toString()).contains("transmogrify").contains("no live executor offers")
        .contains("add");
  }

  @Test
  void shouldRefuseAnArgumentAFunctionFromAJarDeclaresOtherwise() {
    GatewayClient.Response response = gateway.postJob(Map.of("id", "not-a-number", "tasks", List.of(
        Map.of("id", "a", "function", "add", "args", Map.of("value", "ten")))));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().toString()).contains("INVALID_ARGUMENT")
        .contains("argument \\\"value\\\" must be a number, not \\\"ten\\\"");
  }

  @Test
  void shouldRunCommandsAndHandTheirOutputOn() throws Exception {
    Path input = work.resolve("input.txt");
    post(Map.of("id", "hash-a-file", "tasks", List.of(
        command("write", List.of("sh", "-c", "printf 'hello dagline' > '" + input + "' && echo written"), List.of()),
        command("hash", List.of("sha256sum", input.toString()), List.of("write")))));

    JobAssertions.awaitState(gateway, "hash-a-file", "SUCCEEDED", Duration.ofSeconds(60));

    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest("hello dagline".getBytes(StandardCharsets.UTF_8)));
    assertThat(result("hash-a-file", "write")).isEqualTo("written");
    assertThat(result("hash-a-file", "hash")).isEqualTo(sha256 + "  " + input);
    assertThat(Files.readString(input)).isEqualTo("hello dagline");
  }

  @Test
  void shouldRunTheHashFilesExample() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> example = new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(Path.of("../examples/hash-files.json").toFile(), Map.class);
    post(example);

    JobAssertions.awaitState(gateway, "hash-files", "SUCCEEDED", Duration.ofSeconds(60));

    JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result("hash-files", "manifest"));
    for (int n = 1; n <= 3; n++) {
      StringBuilder lines = new StringBuilder();
      for (int i = 1; i <= n * 10_000; i++) {
        lines.append(i).append('\n');
      }
      String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(lines.toString().getBytes(StandardCharsets.UTF_8)));
      assertThat(manifest.path("hash-" + n).asText()).isEqualTo(sha256 + "  /tmp/dagline-hash-files/part-" + n + ".txt");
    }
  }

  @Test
  void shouldFailACommandWithItsExitCodeAndStandardError() {
    post(Map.of("id", "exit-3", "tasks", List.of(
        once(command("broken", List.of("sh", "-c", "echo 'disk on fire' >&2; exit 3"), List.of())))));

    JobAssertions.awaitState(gateway, "exit-3", "FAILED", Duration.ofSeconds(60));

    assertThat(task("exit-3", "broken").path("error").asText()).isEqualTo("exit code 3: disk on fire");
  }

  @Test
  void shouldFailAProgramNotAllowedNamingTheSetting() {
    post(Map.of("id", "not-allowed", "tasks", List.of(
        once(command("rm", List.of("rm", "-rf", work.resolve("nothing").toString()), List.of())))));

    JobAssertions.awaitState(gateway, "not-allowed", "FAILED", Duration.ofSeconds(60));

    assertThat(task("not-allowed", "rm").path("error").asText()).contains("\"rm\" is not allowed")
        .contains("DAGLINE_COMMANDS_ALLOWED");
  }

  @Test
  void shouldKillACommandAtItsTimeoutLeavingNoProcessBehind() {
    String marker = uniqueSleep();
    Map<String, Object> task = new java.util.HashMap<>(once(command("slow",
        List.of("sh", "-c", "sleep " + marker + " & sleep " + marker + "; wait"), List.of())));
    task.put("timeoutMs", 1_500);
    post(Map.of("id", "timed-out", "tasks", List.of(task)));

    JobAssertions.awaitState(gateway, "timed-out", "FAILED", Duration.ofSeconds(60));

    assertThat(task("timed-out", "slow").path("error").asText()).contains("timed out after 1500 ms");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ProcessTable.countWith(marker)).as("processes left of the timed-out command").isZero());
  }

  @Test
  void shouldKillACommandWhenItsJobIsCancelledLeavingNoProcessBehind() {
    String marker = uniqueSleep();
    post(Map.of("id", "cancelled-command", "tasks", List.of(
        command("long", List.of("sh", "-c", "sleep " + marker + " & sleep " + marker + "; wait"), List.of()))));
    await().atMost(Duration.ofSeconds(30)).until(() -> ProcessTable.countWith(marker) >= 2); // the shell and its sleeps

    assertThat(gateway.delete("/v1/jobs/cancelled-command").status()).isEqualTo(202);

    JobAssertions.awaitState(gateway, "cancelled-command", "CANCELLED", Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ProcessTable.countWith(marker)).as("processes left of the cancelled command").isZero());
  }

  @Test
  void shouldCallAnHttpFunctionAndTakeItsAnswer() {
    post(Map.of("id", "http-ping", "tasks", List.of(http("ping", "ping"))));

    JobAssertions.awaitState(gateway, "http-ping", "SUCCEEDED", Duration.ofSeconds(60));

    assertThat(result("http-ping", "ping")).isEqualTo("pong");
  }

  @Test
  void shouldRetryAnHttpFunctionAfterA5xxButNotAfterA4xx() {
    post(Map.of("id", "http-flaky", "retry", FAST_RETRY, "tasks", List.of(http("flaky", "flaky"))));
    post(Map.of("id", "http-bad", "retry", FAST_RETRY, "tasks", List.of(http("bad", "bad"))));

    JobAssertions.awaitState(gateway, "http-flaky", "SUCCEEDED", Duration.ofSeconds(60));
    JobAssertions.awaitState(gateway, "http-bad", "FAILED", Duration.ofSeconds(60));

    assertThat(result("http-flaky", "flaky")).isEqualTo("recovered");
    JsonNode flaky = task("http-flaky", "flaky");
    assertThat(flaky.path("attempt").asInt()).isEqualTo(2);
    assertThat(flaky.path("attempts").get(0).path("error").asText()).contains("HTTP 500").contains("overloaded");
    JsonNode bad = task("http-bad", "bad");
    assertThat(bad.path("attempt").asInt()).as("a 4xx is not retried").isEqualTo(1);
    assertThat(bad.path("error").asText()).contains("HTTP 400").contains("no such thing");
    assertThat(badCalls.get()).isEqualTo(1);
  }

  private static void post(Map<String, Object> job) {
    gateway.submit(job);
  }

  private static Map<String, Object> command(String id, List<String> argv, List<String> dependencies) {
    return Map.of("id", id, "function", "command", "args", Map.of("argv", argv), "dependencies", dependencies);
  }

  private static Map<String, Object> http(String id, String path) {
    return Map.of("id", id, "function", "http", "args",
        Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/fn/" + path));
  }

  private static Map<String, Object> once(Map<String, Object> task) {
    Map<String, Object> copy = new java.util.HashMap<>(task);
    copy.put("maxAttempts", 1);
    return copy;
  }

  /** A sleep duration no other process has on its command line, to find this test's processes by. */
  private static String uniqueSleep() {
    return "3" + (System.nanoTime() % 100_000) + ".25";
  }

  /** The task's detail once its final state and result are published. */
  private static JsonNode task(String jobId, String taskId) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode task = gateway.get("/v1/jobs/" + jobId + "/tasks/" + taskId).body();
      assertThat(task.path("state").asText()).isIn("SUCCEEDED", "FAILED", "CANCELLED", "SKIPPED");
    });
    return gateway.get("/v1/jobs/" + jobId + "/tasks/" + taskId).body();
  }

  private static String result(String jobId, String taskId) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(gateway.get("/v1/jobs/" + jobId + "/tasks/" + taskId).body().path("result").isTextual()).isTrue());
    return gateway.get("/v1/jobs/" + jobId + "/tasks/" + taskId).body().path("result").asText();
  }

  private static Set<Integer> partitionsDispatchedFor(String jobId) {
    Set<Integer> partitions = new HashSet<>();
    var tasks = new DaglineTopics(WireFormat.singleObject(new KafkaSchemaCatalog(kafka.bootstrapServers(),
        DaglineTopics.SCHEMAS))).tasks("default");
    TopicContents.forEach(kafka.bootstrapServers(), tasks.name(), tasks.valueSerde().deserializer(), (TaskDispatched task) -> {
      if (task.getAttempt().getJobId().equals(jobId)) {
        partitions.add(task.getAttempt().getPartition());
      }
    });
    return partitions;
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws java.io.IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
