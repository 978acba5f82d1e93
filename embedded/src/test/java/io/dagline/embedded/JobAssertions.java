package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What every end-to-end test checks of a finished job, through the gateway as a user would. */
public final class JobAssertions {

  private JobAssertions() {}

  public static JsonNode awaitState(GatewayClient gateway, String jobId, String state, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(gateway.get("/v1/jobs/" + jobId).body().get("state").asText()).isEqualTo(state));
    return gateway.get("/v1/jobs/" + jobId).body();
  }

  /** Every task succeeded, and none started before each of its dependencies had finished. */
  public static void assertEveryTaskSucceededInDependencyOrder(GatewayClient gateway, String jobId, int taskCount) {
    // Task status is published per interval; wait until it shows the final states.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        gateway.get("/v1/jobs/" + jobId + "/tasks?state=SUCCEEDED").body().get("tasks").size()).isEqualTo(taskCount));
    JsonNode tasks = gateway.get("/v1/jobs/" + jobId + "/tasks").body().get("tasks");
    Map<String, JsonNode> byId = new HashMap<>();
    tasks.forEach(task -> byId.put(task.get("id").asText(), task));
    assertThat(byId).hasSize(taskCount);
    List<String> violations = new ArrayList<>();
    for (JsonNode task : tasks) {
      Instant started = Instant.parse(task.get("startedAt").asText());
      for (JsonNode dependency : task.get("dependencies")) {
        Instant finished = Instant.parse(byId.get(dependency.asText()).get("finishedAt").asText());
        if (started.isBefore(finished)) {
          violations.add(task.get("id").asText() + " started before " + dependency.asText() + " finished");
        }
      }
    }
    assertThat(violations).isEmpty();
  }
}
