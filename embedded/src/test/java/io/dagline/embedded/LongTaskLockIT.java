package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagline.executor.ExecutorOptions;
import io.dagline.executor.FunctionSettings;
import io.dagline.testkit.KafkaTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that runs longer than its record's share-group lock runs once: the slot renews the lock while
 * the task runs, so the broker does not deliver the record to another slot meanwhile. The lock is 4 s
 * here and the task runs 10 s, long enough for two lock lapses had it not been renewed (an earlier
 * run without renewal, with a 15 s lock and a 37.5 s task, started it three times).
 */
class LongTaskLockIT {

  private static final long LOCK_MS = 4_000;

  @TempDir
  Path dataDir;

  @TempDir
  Path work;

  private KafkaTestCluster kafka;
  private DaglineStack stack;

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldRunATaskLongerThanItsLockOnce() throws Exception {
    kafka = KafkaTestCluster.singleNode();
    try (var admin = kafka.admin()) {
      String group = ExecutorOptions.of("any", "default", 1, kafka.bootstrapServers()).shareGroup();
      admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), List.of(
          new AlterConfigOp(new ConfigEntry("share.record.lock.duration.ms", String.valueOf(LOCK_MS)),
              AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
    }
    // One executor with two slots: a lapsed lock would hand the record to the idle second slot.
    stack = DaglineStack.start(DaglineStack.Options.local(kafka.bootstrapServers(), dataDir, -1)
        .withExecutors(1, 2)
        .withFunctions(FunctionSettings.builtInOnly().withCommandsAllowed(Set.of("sh"))));
    GatewayClient gateway = new GatewayClient(stack.gatewayUri());
    Path starts = work.resolve("starts.log");

    gateway.submit(Map.of("id", "long-task", "tasks", List.of(Map.of(
        "id", "long", "function", "command",
        "args", Map.of("argv", List.of("sh", "-c", "echo started >> '" + starts + "'; sleep 10; echo done"))))));

    JobAssertions.awaitState(gateway, "long-task", "SUCCEEDED", Duration.ofSeconds(90));
    assertThat(Files.readAllLines(starts)).as("times the task started").containsExactly("started");
    JsonNode task = gateway.get("/v1/jobs/long-task/tasks/long").body();
    assertThat(task.path("attempt").asInt()).isEqualTo(1);
    assertThat(task.path("result").asText()).isEqualTo("done");
  }
}
