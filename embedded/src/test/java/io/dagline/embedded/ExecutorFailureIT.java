package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagline.executor.ExecutorOptions;
import io.dagline.testkit.KafkaTestCluster;
import io.dagline.topics.TopicLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor process is SIGKILLed while it runs tasks. It never acknowledges them, so when their
 * share-group locks time out the broker delivers them to the other executor, and the job finishes.
 */
class ExecutorFailureIT {

  private static final String JOB = "executor-crash";

  @TempDir
  Path dataDir;

  private KafkaTestCluster kafka;
  private DaglineStack stack;
  private final List<JavaProcess> executors = new ArrayList<>();

  @AfterEach
  void stop() {
    executors.forEach(JavaProcess::close);
    if (stack != null) {
      stack.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldRedeliverTheTasksOfAKilledExecutorAndFinishTheJob() throws Exception {
    kafka = KafkaTestCluster.brokers(3);
    stack = DaglineStack.start(DaglineStack.Options.local(kafka.bootstrapServers(), dataDir, -1)
        .withTopics(TopicLayout.replicated(6, 3)).withExecutors(0, 0));
    shortenRecordLocks(ExecutorOptions.of("any", "default", 1, kafka.bootstrapServers()).shareGroup());
    JavaProcess first = startExecutor("executor-1");
    JavaProcess second = startExecutor("executor-2");
    assertThat(first.awaitReady(Duration.ofSeconds(60))).isTrue();
    assertThat(second.awaitReady(Duration.ofSeconds(60))).isTrue();
    GatewayClient gateway = new GatewayClient(stack.gatewayUri());

    gateway.submit(SampleDags.fanIn(JOB, 40, "sleep", Map.of("ms", "1500")));
    // Whichever executor runs a task first is the one to kill: the share group decides who gets what.
    Set<String> heldByVictim = new TreeSet<>();
    String[] victimId = new String[1];
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
      for (JsonNode task : gateway.get("/v1/jobs/" + JOB + "/tasks?state=RUNNING").body().path("tasks")) {
        String executor = task.path("executorId").asText();
        if (victimId[0] == null && !executor.isEmpty()) {
          victimId[0] = executor;
        }
        if (executor.equals(victimId[0])) {
          heldByVictim.add(task.get("id").asText());
        }
      }
      return !heldByVictim.isEmpty();
    });
    JavaProcess victim = victimId[0].equals(first.name()) ? first : second;
    String survivor = victim == first ? second.name() : first.name();
    victim.kill();

    JobAssertions.awaitState(gateway, JOB, "SUCCEEDED", Duration.ofMinutes(3));
    JobAssertions.assertEveryTaskSucceededInDependencyOrder(gateway, JOB, 41);
    // A task seen running on the victim may still have finished there before the kill landed; the attempt
    // histories say which attempts the victim held when it died: they failed on it and ran again elsewhere.
    List<String> finishedBySurvivor = new ArrayList<>();
    for (JsonNode task : gateway.get("/v1/jobs/" + JOB + "/tasks").body().get("tasks")) {
      String id = task.get("id").asText();
      boolean lostOnVictim = false;
      for (JsonNode attempt : gateway.get("/v1/jobs/" + JOB + "/tasks/" + id).body().path("attempts")) {
        lostOnVictim |= victim.name().equals(attempt.path("executorId").asText())
            && "FAILED".equals(attempt.path("outcome").asText());
      }
      if (lostOnVictim && survivor.equals(task.path("executorId").asText())) {
        finishedBySurvivor.add(id);
      }
    }
    assertThat(finishedBySurvivor).as("tasks running on the killed executor when it died were redelivered to %s",
        survivor).isNotEmpty();
    System.out.printf("executor crash: killed %s (seen running %s); attempts it held when it died finished on %s: %s%n",
        victim.name(), heldByVictim, survivor, finishedBySurvivor);
  }

  /** Locks last 3 s instead of 30 s, so the test waits less for the broker to give up on the dead executor. */
  private void shortenRecordLocks(String shareGroup) throws Exception {
    try (var admin = kafka.admin()) {
      admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, shareGroup), List.of(
          new AlterConfigOp(new ConfigEntry("share.record.lock.duration.ms", "3000"), AlterConfigOp.OpType.SET))))
          .all().get(30, TimeUnit.SECONDS);
    }
  }

  private JavaProcess startExecutor(String id) {
    JavaProcess executor = JavaProcess.start(id, "io.dagline.executor.ExecutorMain", Map.of(
        "DAGLINE_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "DAGLINE_EXECUTOR_ID", id,
        "DAGLINE_SLOTS", "4"), Path.of("target", "failure-logs"), "started with");
    executors.add(executor);
    return executor;
  }
}
