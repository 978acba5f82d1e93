package io.dagline.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dagline.embedded.GatewayClient;
import io.dagline.embedded.JobAssertions;
import io.dagline.embedded.SchedulerProcesses;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The single-host compose stack (docker-compose.host.yml) for real, on the private engine prepare.sh started,
 * from images built on this machine: three brokers, the topics job, two schedulers, executors at two sites and
 * the gateway come up healthy; a job runs through the gateway; the scheduler container that holds the site's
 * dispatcher is killed mid-job; the job still succeeds with every task run in dependency order.
 */
class ComposeStackIT {

  private static final String PROJECT = "dagline-it";
  private static final int GATEWAY_PORT = 28080;
  private static final String BOOTSTRAP = "127.0.0.1:29191,127.0.0.1:29192,127.0.0.1:29193";
  private static final int CHAINS = 6;
  private static final int CHAIN_LENGTH = 50;

  private final Compose compose = new Compose(Path.of(System.getProperty("dagline.compose.dir")),
      "docker-compose.host.yml", PROJECT, Map.of(
          "KAFKA_IMAGE", "dagline/kafka:4.3.1",
          "DAGLINE_GATEWAY_PORT", Integer.toString(GATEWAY_PORT)));

  @BeforeEach
  void engineIsThere() throws Exception {
    Path unavailable = Path.of("target", "engine-unavailable");
    Assumptions.assumeFalse(Files.exists(unavailable),
        () -> "SKIPPED: " + (Files.exists(unavailable) ? read(unavailable) : ""));
  }

  @AfterEach
  void down() {
    compose.run(Duration.ofMinutes(3), "down", "-v", "--timeout", "10");
  }

  @Test
  void shouldRunAJobThroughTheStackAndLoseNoTaskWhenTheSchedulerHoldingWorkIsKilled() throws Exception {
    Compose.Result up = compose.run(Duration.ofMinutes(6), "up", "-d");
    assertThat(up.exitCode()).as("docker-compose up:%n%s%n%s", up.output(), compose.logs()).isZero();
    GatewayClient gateway = new GatewayClient(URI.create("http://127.0.0.1:" + GATEWAY_PORT));
    await("the gateway is ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions().until(() -> gateway.get("/health/readiness").status() == 200);
    await("the gateway's health check passes").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
        .until(() -> compose.health("gateway").equals("healthy"));
    assertThat(List.of("kafka-1", "kafka-2", "kafka-3")).allSatisfy(broker ->
        assertThat(compose.health(broker)).as("%s's health check", broker).isEqualTo("healthy"));
    await("both executors heartbeat").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions().until(() -> gateway.get("/v1/sites").body().toString().contains("site-b"));
    assertThat(compose.services()).as("every service of the stack is up")
        .contains("kafka-1", "kafka-2", "kafka-3", "scheduler-1", "scheduler-2", "executor-site-a", "executor-site-b",
            "gateway");

    String jobId = "through-compose";
    gateway.submit(chains(jobId));
    int tasks = CHAINS * CHAIN_LENGTH;
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
        gateway.get("/v1/jobs/" + jobId).body().get("counts").get("succeeded").asInt() >= tasks / 5);
    String owner;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
      owner = SchedulerProcesses.dispatcherOwner(admin, "dagline-scheduler", "site-a").orElseThrow();
    }
    int doneAtKill = gateway.get("/v1/jobs/" + jobId).body().get("counts").get("succeeded").asInt();
    String container = compose.containerOf(owner);
    Compose.Result kill = compose.docker(Duration.ofSeconds(30), "kill", container);
    assertThat(kill.exitCode()).as("docker kill %s: %s", container, kill.output()).isZero();

    var job = JobAssertions.awaitState(gateway, jobId, "SUCCEEDED", Duration.ofMinutes(6));

    assertThat(job.get("counts").get("succeeded").asInt()).isEqualTo(tasks);
    JobAssertions.assertEveryTaskSucceededInDependencyOrder(gateway, jobId, tasks);
    System.out.printf("compose stack: killed %s (container %s, holding site-a's dispatcher) at %d/%d tasks done;"
        + " the job succeeded with every task%n", owner, container.substring(0, 12), doneAtKill, tasks);
  }

  /** Chains whose links alternate between the two sites, each link a short sleep, so the job outlasts the kill. */
  private static Map<String, Object> chains(String jobId) {
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (int chain = 0; chain < CHAINS; chain++) {
      for (int link = 0; link < CHAIN_LENGTH; link++) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", "c" + chain + "-" + link);
        task.put("function", "sleep");
        task.put("args", Map.of("ms", "150"));
        task.put("site", link % 2 == 0 ? "site-a" : "site-b");
        task.put("dependencies", link == 0 ? List.of() : List.of("c" + chain + "-" + (link - 1)));
        tasks.add(task);
      }
    }
    return Map.of("id", jobId, "tasks", tasks);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return file + " (unreadable: " + e + ")";
    }
  }
}
