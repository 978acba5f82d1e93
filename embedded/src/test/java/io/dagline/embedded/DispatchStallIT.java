package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskCompleted;
import io.dagline.schemas.TaskDispatched;
import io.dagline.serde.InMemorySchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.testkit.KafkaTestCluster;
import io.dagline.topics.DaglineTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The share-group stall detector (issue 20): thousands of dispatches through one site's task partition,
 * a long chain among them, on the embedded default stack and a real broker. In Kafka 4.3.1 transactional
 * dispatch records stalled share delivery for a whole record-lock duration (15–30 s) every
 * {@code share.partition.max.record.locks} offsets; a normal hop takes milliseconds. So a dispatch that
 * waits more than 5 s between being sent and being started by an executor is the trap, not noise.
 */
class DispatchStallIT {

  private static final long STALL_MS = 5_000;
  private static final int CHAIN = 1_000;
  private static final int WIDE = 4_500;

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
  void shouldStartEveryDispatchWithinSecondsOfItsSendingThroughThousandsOfOffsets() {
    gateway.submit(chain("stall-chain", CHAIN));
    gateway.submit(wide("stall-wide", WIDE));
    JobAssertions.awaitState(gateway, "stall-chain", "SUCCEEDED", Duration.ofMinutes(8));
    JobAssertions.awaitState(gateway, "stall-wide", "SUCCEEDED", Duration.ofMinutes(8));

    DaglineTopics topics = new DaglineTopics(WireFormat.singleObject(new InMemorySchemaCatalog()));
    Map<String, Long> dispatchedAt = new HashMap<>();
    TopicContents.forEach(kafka.bootstrapServers(), DaglineTopics.tasksTopicName("default"),
        topics.tasks("default").valueSerde().deserializer(),
        (TaskDispatched task) -> dispatchedAt.putIfAbsent(key(task.getAttempt()), task.getDispatchedAt()));
    Map<String, Long> startedAt = new HashMap<>();
    TopicContents.forEach(kafka.bootstrapServers(), DaglineTopics.TASK_REPORTS, topics.taskReports.valueSerde().deserializer(),
        (PartitionEvent event) -> {
          if (event.getEvent() instanceof TaskCompleted done) {
            startedAt.putIfAbsent(key(done.getAttempt()), done.getStartedAt());
          }
        });

    List<Long> waits = new ArrayList<>();
    Map<String, Long> stalled = new LinkedHashMap<>();
    dispatchedAt.forEach((attempt, sent) -> {
      Long started = startedAt.get(attempt);
      assertThat(started).as("attempt %s was dispatched and completed", attempt).isNotNull();
      waits.add(started - sent);
      if (started - sent > STALL_MS) {
        stalled.put(attempt, started - sent);
      }
    });
    waits.sort(Long::compare);
    System.out.printf("dispatch → start over %d dispatches: p50 %d ms, p99 %d ms, max %d ms%n", waits.size(),
        waits.get(waits.size() / 2), waits.get(waits.size() * 99 / 100), waits.get(waits.size() - 1));
    assertThat(dispatchedAt).as("dispatches through the site's one task partition").hasSizeGreaterThanOrEqualTo(CHAIN + WIDE);
    assertThat(stalled).as("dispatches that waited over %d ms to start", STALL_MS).isEmpty();
  }

  private static String key(TaskAttempt attempt) {
    return attempt.getJobId() + "/" + attempt.getTaskId() + "#" + attempt.getAttempt();
  }

  private static Map<String, Object> chain(String jobId, int length) {
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      tasks.add(SampleDags.task("c" + i, "noop", i == 0 ? List.of() : List.of("c" + (i - 1))));
    }
    return Map.of("id", jobId, "tasks", tasks);
  }

  private static Map<String, Object> wide(String jobId, int width) {
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      tasks.add(SampleDags.task("w" + i, "noop", List.of()));
    }
    return Map.of("id", jobId, "tasks", tasks);
  }
}
