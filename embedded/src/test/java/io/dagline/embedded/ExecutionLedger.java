package io.dagline.embedded;

import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskCompleted;
import io.dagline.schemas.TaskFailed;
import io.dagline.serde.InMemorySchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.topics.DaglineTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every execution report executors wrote for one job, read back from the partition-events topic: how
 * many tasks ran, and how many ran more than once (a redelivery after a crash).
 */
record ExecutionLedger(int distinctTasks, int reports, Map<String, Integer> reportsPerTask) {

  int duplicateExecutions() {
    return reports - distinctTasks;
  }

  static ExecutionLedger read(String bootstrapServers, String jobId) {
    var deserializer = new DaglineTopics(WireFormat.singleObject(new InMemorySchemaCatalog()))
        .partitionEvents.valueSerde().deserializer();
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, Integer> perTask = new HashMap<>();
    Set<String> attempts = new HashSet<>();
    int reports = 0;
    try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
      List<TopicPartition> partitions = consumer.partitionsFor(DaglineTopics.TASK_REPORTS).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          TaskAttempt attempt = attemptOf(record.value());
          if (attempt != null && attempt.getJobId().equals(jobId)) {
            reports++;
            perTask.merge(attempt.getTaskId(), 1, Integer::sum);
            attempts.add(attempt.getTaskId() + "#" + attempt.getAttempt());
          }
        }
      }
    }
    return new ExecutionLedger(attempts.size(), reports, perTask);
  }

  private static TaskAttempt attemptOf(PartitionEvent event) {
    if (event.getEvent() instanceof TaskCompleted completed) {
      return completed.getAttempt();
    }
    if (event.getEvent() instanceof TaskFailed failed) {
      return failed.getAttempt();
    }
    return null;
  }
}
