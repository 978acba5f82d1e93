package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagline.testkit.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
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
    // Executors take up to 4 tasks per poll here, so the batch path runs in the build as well.
    stack = DaglineStack.start(DaglineStack.Options.local(kafka.bootstrapServers(), dataDir, -1).withExecutors(2, 8, 4));
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
    var posted = gateway.submit(SampleDags.chainedFanOutFanIn("e2e-1000", 10, "noop"));
    assertThat(posted.body().get("jobId").asText()).isEqualTo("e2e-1000");

    JsonNode job = JobAssertions.awaitState(gateway, "e2e-1000", "SUCCEEDED", Duration.ofMinutes(4));
    assertThat(job.get("taskCount").asInt()).isEqualTo(1000);
    assertThat(job.get("partitionCount").asInt()).as("several graph partitions").isGreaterThan(1);
    assertThat(job.get("counts").get("succeeded").asInt()).isEqualTo(1000);

    JobAssertions.assertEveryTaskSucceededInDependencyOrder(gateway, "e2e-1000", 1000);
  }
}
