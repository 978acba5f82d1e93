package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dagline.executor.ExecutorOptions;
import io.dagline.executor.TaskExecutor;
import io.dagline.gateway.GatewayServer;
import io.dagline.testkit.KafkaTestCluster;
import io.dagline.topics.DaglineTopics;
import io.dagline.topics.TopicCreator;
import io.dagline.topics.TopicLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduler process is SIGKILLed in the middle of a 5,000-task job, on a cluster of three brokers
 * with replication factor 3 and min.insync.replicas 2. The other instance takes over its partitions
 * from the changelogs (it holds standby replicas) and the job finishes without being restarted.
 */
class SchedulerFailoverIT {

  private static final String JOB = "failover-5000";

  @TempDir
  Path dataDir;

  private KafkaTestCluster kafka;
  private final List<AutoCloseable> running = new ArrayList<>();

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
  void shouldFinishAJobWithoutLosingATaskWhenAHardKilledSchedulerIsReplaced() throws Exception {
    kafka = KafkaTestCluster.brokers(3);
    try (var admin = kafka.admin()) {
      TopicCreator.createMissing(admin, DaglineTopics.newTopics(TopicLayout.replicated(6, 3), List.of("default")));
    }
    JavaProcess first = startScheduler("scheduler-1");
    JavaProcess second = startScheduler("scheduler-2");
    assertThat(first.awaitReady(Duration.ofSeconds(90))).as("scheduler-1 running").isTrue();
    assertThat(second.awaitReady(Duration.ofSeconds(90))).as("scheduler-2 running").isTrue();
    for (int i = 1; i <= 2; i++) {
      running.add(TaskExecutor.start(new ExecutorOptions("executor-" + i, "default", 24, 1.0,
          kafka.bootstrapServers(), Duration.ofSeconds(1))));
    }
    GatewayServer gatewayServer = GatewayServer.start(Map.of("dagline.kafka.bootstrap-servers", kafka.bootstrapServers(),
        "micronaut.server.port", -1));
    running.add(gatewayServer);
    GatewayClient gateway = new GatewayClient(gatewayServer.uri());

    gateway.submit(SampleDags.parallelPipelines(JOB, 10, 6, 83, "noop"));
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(gateway.get("/v1/jobs/" + JOB).body().get("counts").get("succeeded").asInt()).isGreaterThan(1_000));
    int doneAtKill = gateway.get("/v1/jobs/" + JOB).body().get("counts").get("succeeded").asInt();
    // The worst case: the instance that also holds the site's dispatcher, so all dispatching stops.
    String owner;
    try (var admin = kafka.admin()) {
      owner = SchedulerProcesses.dispatcherOwner(admin, "dagline-scheduler", "default").orElse(first.name());
    }
    JavaProcess victim = owner.equals(second.name()) ? second : first;
    long killedAt = System.currentTimeMillis();
    victim.kill();
    assertThat(victim.isAlive()).isFalse();

    var job = JobAssertions.awaitState(gateway, JOB, "SUCCEEDED", Duration.ofMinutes(6));

    assertThat(job.get("counts").get("succeeded").asInt()).isEqualTo(5_000);
    JobAssertions.assertEveryTaskSucceededInDependencyOrder(gateway, JOB, 5_000);
    ExecutionLedger ledger = ExecutionLedger.read(kafka.bootstrapServers(), JOB);
    assertThat(ledger.distinctTasks()).as("every task has an execution report").isEqualTo(5_000);
    System.out.printf("scheduler failover: dispatcher held by %s; killed %s at %d/5000 tasks done; longest pause in task starts after the kill"
        + " %s (goal: within 3000 ms); job ran %d ms; %d execution reports, %d duplicate executions%n",
        owner, victim, doneAtKill, TaskTimeline.of(gateway.get("/v1/jobs/" + JOB + "/tasks").body()).longestGapAfter(killedAt),
        job.get("finishedAt") == null ? -1 : java.time.Duration.between(
            java.time.Instant.parse(job.get("startedAt").asText()), java.time.Instant.parse(job.get("finishedAt").asText())).toMillis(),
        ledger.reports(), ledger.duplicateExecutions());
  }

  private JavaProcess startScheduler(String name) {
    JavaProcess scheduler = SchedulerProcesses.start(name, kafka.bootstrapServers(), dataDir, 3, 1, true,
        Path.of("target", "failover-logs"));
    running.add(scheduler);
    return scheduler;
  }
}
