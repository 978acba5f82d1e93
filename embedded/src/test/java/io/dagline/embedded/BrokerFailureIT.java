package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dagline.topics.DaglineTopics;
import io.dagline.topics.TopicLayout;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One of three broker processes is SIGKILLed in the middle of a job: no clean shutdown, no leadership
 * handed over. Every topic has three replicas and needs two in sync, so once the controller fences the
 * dead broker, producers, the scheduler's transactions and the share groups carry on with the other two.
 * The broker killed is the leader of the site's task topic, so dispatching has to move. Until the kill,
 * no producer of the stack may have had a batch sent back to retry for a reason other than a broker that
 * stalled: the brokers' and clients' settings cause none (a broker starved of CPU for seconds does, and
 * those retries are counted in the printed line).
 */
class BrokerFailureIT {

  private static final String JOB = "broker-killed";
  private static final int TASKS = 5_000;

  @TempDir
  Path dataDir;

  private KafkaProcessCluster kafka;
  private DaglineStack stack;
  private final ProducerRetries producerRetries = ProducerRetries.watch();

  @AfterEach
  void stop() {
    producerRetries.close();
    if (stack != null) {
      stack.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldFinishAJobWithoutLosingATaskWhenABrokerIsKilledMidJob() throws Exception {
    kafka = KafkaProcessCluster.start(Path.of("..", "kafka-broker", "target", "lib"), dataDir.resolve("kafka"), 3,
        TestPorts.BROKER_FAILURE_KAFKA, Duration.ofMinutes(2), (name, pid) -> {});
    stack = DaglineStack.start(DaglineStack.Options.local(kafka.bootstrapServers(), dataDir, -1)
        .withTopics(TopicLayout.replicated(6, 3)).withExecutors(2, 16));
    GatewayClient gateway = new GatewayClient(stack.gatewayUri());

    gateway.submit(SampleDags.parallelPipelines(JOB, 10, 6, 83, "noop"));
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
        assertThat(gateway.get("/v1/jobs/" + JOB).body().get("counts").get("succeeded").asInt()).isGreaterThan(1_000));
    int doneAtKill = gateway.get("/v1/jobs/" + JOB).body().get("counts").get("succeeded").asInt();
    assertThat(producerRetries.notFromAStalledBroker()).as("producer retries before the kill").isEmpty();
    int retriesBeforeKill = producerRetries.warnings().size();
    int victim = kafka.leaderOf(DaglineTopics.tasksTopicName("default"));
    long killedAt = System.currentTimeMillis();
    kafka.kill(victim);

    var job = JobAssertions.awaitState(gateway, JOB, "SUCCEEDED", Duration.ofMinutes(6));

    assertThat(job.get("counts").get("succeeded").asInt()).isEqualTo(TASKS);
    JobAssertions.assertEveryTaskSucceededInDependencyOrder(gateway, JOB, TASKS);
    ExecutionLedger ledger = ExecutionLedger.read(kafka.bootstrapServers(), JOB);
    assertThat(ledger.distinctTasks()).as("every task has an execution report").isEqualTo(TASKS);
    System.out.printf("broker failure: SIGKILLed broker %d (leader of the task topic) at %d/%d tasks done;"
        + " longest pause in task starts after the kill %s (goal: within 5000 ms); %d execution reports,"
        + " %d duplicate executions; %d producer retries before the kill from a stalled broker%n", victim, doneAtKill, TASKS,
        TaskTimeline.of(gateway.get("/v1/jobs/" + JOB + "/tasks").body()).longestGapAfter(killedAt),
        ledger.reports(), ledger.duplicateExecutions(), retriesBeforeKill);
  }

}
