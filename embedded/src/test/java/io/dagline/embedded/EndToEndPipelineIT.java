package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagline.testkit.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a real broker: HTTP in, Kafka Streams scheduling, share-group executors. */
class EndToEndPipelineIT {

  @TempDir
  static Path dataDir;

  private static KafkaTestCluster kafka;
  private static DaglineStack stack;
  private static GatewayClient gateway;

  @BeforeAll
  static void startStack() {
    kafka = KafkaTestCluster.singleNode();
    stack = DaglineStack.start(DaglineStack.Options.local(kafka.bootstrapServers(), dataDir, -1));
    gateway = new GatewayClient(stack.gatewayUri());
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
  void shouldRunAThousandTaskDagToSuccessWithEverySuccessorStartedAfterItsDependencies() {
    var posted = gateway.postJob(SampleDags.chainedFanOutFanIn("e2e-1000", 10, "noop"));
    assertThat(posted.status()).isEqualTo(202);
    assertThat(posted.body().get("jobId").asText()).isEqualTo("e2e-1000");

    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(gateway.get("/v1/jobs/e2e-1000").body().get("state").asText()).isEqualTo("SUCCEEDED"));

    JsonNode job = gateway.get("/v1/jobs/e2e-1000").body();
    assertThat(job.get("taskCount").asInt()).isEqualTo(1000);
    assertThat(job.get("partitionCount").asInt()).as("several graph partitions").isGreaterThan(1);
    assertThat(job.get("counts").get("succeeded").asInt()).isEqualTo(1000);

    // The status topic is published every status interval; wait until it shows the final states.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        gateway.get("/v1/jobs/e2e-1000/tasks?state=SUCCEEDED").body().get("tasks").size()).isEqualTo(1000));
    JsonNode tasks = gateway.get("/v1/jobs/e2e-1000/tasks").body().get("tasks");
    Map<String, JsonNode> byId = new HashMap<>();
    tasks.forEach(task -> byId.put(task.get("id").asText(), task));
    assertThat(byId).hasSize(1000);
    Set<String> violations = new HashSet<>();
    for (JsonNode task : tasks) {
      Instant started = Instant.parse(task.get("startedAt").asText());
      for (JsonNode dependency : task.get("dependencies")) {
        Instant dependencyFinished = Instant.parse(byId.get(dependency.asText()).get("finishedAt").asText());
        if (started.isBefore(dependencyFinished)) {
          violations.add(task.get("id").asText() + " started before " + dependency.asText() + " finished");
        }
      }
    }
    assertThat(violations).isEmpty();
  }
}
