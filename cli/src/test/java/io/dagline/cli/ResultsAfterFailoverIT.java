package io.dagline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dagline.embedded.DaglineStack;
import io.dagline.embedded.JavaProcess;
import io.dagline.embedded.SchedulerProcesses;
import io.dagline.executor.FunctionSettings;
import io.dagline.testkit.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results survive a scheduler failover: a chain of {@code add} tasks (from the example function jar)
 * spread over graph partitions runs on two scheduler processes; one is SIGKILLed mid-job, the other takes
 * over its partitions from the changelogs, and the running sum still comes out right. The results read
 * through the API and {@code dagline result} are those the chain computed, before and after the kill.
 */
class ResultsAfterFailoverIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LINKS = 60;
  private static final String JOB = "sum-across-failover";

  @TempDir
  Path dataDir;

  private KafkaTestCluster kafka;
  private final List<AutoCloseable> running = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldKeepAndServeResultsWhenASchedulerInstanceIsKilledMidJob() throws Exception {
    kafka = KafkaTestCluster.singleNode();
    DaglineStack stack = DaglineStack.start(DaglineStack.Options.local(kafka.bootstrapServers(), dataDir, -1)
        .withoutScheduler()
        .withExecutors(1, 8)
        .withFunctions(FunctionSettings.builtInOnly().withFunctionsDir(
            Path.of(System.getProperty("dagline.exampleFunctionsDir", "../examples/functions/target")))));
    running.add(stack);
    JavaProcess first = startScheduler("scheduler-1");
    JavaProcess second = startScheduler("scheduler-2");
    assertThat(first.awaitReady(Duration.ofSeconds(90))).as("scheduler-1 running").isTrue();
    assertThat(second.awaitReady(Duration.ofSeconds(90))).as("scheduler-2 running").isTrue();
    URI gateway = stack.gatewayUri();
    await().atMost(Duration.ofSeconds(30)).until(() -> get(gateway, "/v1/executors").toString().contains("\"add\""));

    // sum-i = sum-(i-1) + 1, with a 100 ms sleep beside each link so the chain outlasts the kill.
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (int i = 0; i < LINKS; i++) {
      List<String> upstream = i == 0 ? List.of() : List.of("sum-" + (i - 1), "pause-" + i);
      tasks.add(Map.of("id", "sum-" + i, "function", "add", "args", Map.of("value", "1"), "dependencies", upstream));
      if (i > 0) {
        tasks.add(Map.of("id", "pause-" + i, "function", "sleep", "args", Map.of("ms", "100"),
            "dependencies", List.of("sum-" + (i - 1))));
      }
    }
    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(gateway.resolve("/v1/jobs"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("id", JOB, "tasks", tasks)))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(60)).until(() -> get(gateway, "/v1/jobs/" + JOB + "/tasks/sum-5").path("result").isTextual());

    first.kill();
    assertThat(first.isAlive()).isFalse();

    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
        get(gateway, "/v1/jobs/" + JOB).path("state").asText().equals("SUCCEEDED"));
    Map<String, String> env = Map.of("DAGLINE_URL", gateway.toString());
    CliRun last = CliRun.run(env, "result", JOB, "sum-" + (LINKS - 1));
    assertThat(last.exitCode()).as(last.err()).isZero();
    assertThat(last.out().strip()).isEqualTo(Integer.toString(LINKS));
    assertThat(CliRun.run(env, "result", JOB, "sum-2").out().strip()).as("a result accepted before the kill").isEqualTo("3");
    for (int i = 0; i < LINKS; i++) {
      assertThat(get(gateway, "/v1/jobs/" + JOB + "/tasks/sum-" + i).path("result").asText()).isEqualTo(Integer.toString(i + 1));
    }
    assertThat(get(gateway, "/v1/jobs/" + JOB).path("partitionCount").asInt()).as("graph partitions").isGreaterThan(1);
  }

  private JavaProcess startScheduler(String name) {
    JavaProcess scheduler = SchedulerProcesses.start(name, kafka.bootstrapServers(), dataDir, 1, 1, true,
        Map.of("DAGLINE_TASKS_PER_PARTITION", "20"), Path.of("target", "failover-logs"));
    running.add(scheduler);
    return scheduler;
  }

  private JsonNode get(URI gateway, String path) throws Exception {
    String body = http.send(HttpRequest.newBuilder(gateway.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
  }
}
