package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dagline.executor.ExecutorOptions;
import io.dagline.executor.TaskExecutor;
import io.dagline.testkit.KafkaTestCluster;
import io.dagline.topics.DaglineTopics;
import io.dagline.topics.TopicCreator;
import io.dagline.topics.TopicLayout;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * An executor asked to stop while the brokers are gone stops within its shutdown timeout instead of
 * waiting out every client's own timeouts (about 70 s before): slots are interrupted and clients closed
 * with what remains of the time.
 */
class ExecutorShutdownIT {

  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  @Test
  void shouldStopWithinItsShutdownTimeoutWhileTheBrokersAreDown() throws Exception {
    KafkaTestCluster kafka = KafkaTestCluster.singleNode();
    TaskExecutor executor;
    try {
      try (var admin = kafka.admin()) {
        TopicCreator.createMissing(admin, DaglineTopics.newTopics(TopicLayout.singleBroker(2), List.of("default")));
      }
      executor = TaskExecutor.start(ExecutorOptions.of("executor-1", "default", 4, kafka.bootstrapServers()));
      await().atMost(Duration.ofSeconds(30)).until(() -> executor.readiness().up());
    } finally {
      kafka.close();
    }

    long startedAt = System.nanoTime();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> executor.close(SHUTDOWN_TIMEOUT));

    // A generous bound: the point is that it ends near its timeout, not after every client's default.
    await("the executor stopped").atMost(SHUTDOWN_TIMEOUT.multipliedBy(4)).until(stopping::isDone);
    System.out.printf("executor stop with the broker down: %d ms (shutdown timeout %d ms)%n",
        (System.nanoTime() - startedAt) / 1_000_000, SHUTDOWN_TIMEOUT.toMillis());
    assertThat(stopping).isCompleted();
  }
}
