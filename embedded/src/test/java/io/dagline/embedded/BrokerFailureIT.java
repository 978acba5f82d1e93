package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dagline.testkit.KafkaTestCluster;
import io.dagline.topics.TopicLayout;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One of three brokers stops in the middle of a job. Every topic has three replicas and needs two in
 * sync, so producers, the scheduler's transactions and the share groups carry on with the other two.
 */
class BrokerFailureIT {

  private static final String JOB = "broker-down";

  @TempDir
  Path dataDir;

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
  void shouldFinishAJobWhenABrokerStopsMidJob() {
    kafka = KafkaTestCluster.brokers(3);
    stack = DaglineStack.start(DaglineStack.Options.local(kafka.bootstrapServers(), dataDir, -1)
        .withTopics(TopicLayout.replicated(6, 3)).withExecutors(2, 16));
    GatewayClient gateway = new GatewayClient(stack.gatewayUri());

    assertThat(gateway.postJob(SampleDags.chainedFanOutFanIn(JOB, 10, "noop")).status()).isEqualTo(202);
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(gateway.get("/v1/jobs/" + JOB).body().get("counts").get("succeeded").asInt()).isGreaterThan(200));
    int broker = kafka.brokerIds().iterator().next();
    kafka.stopBroker(broker);

    JobAssertions.awaitState(gateway, JOB, "SUCCEEDED", Duration.ofMinutes(5));
    JobAssertions.assertEveryTaskSucceededInDependencyOrder(gateway, JOB, 1000);
  }
}
