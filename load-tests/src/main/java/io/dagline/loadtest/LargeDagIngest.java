package io.dagline.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagline.schemas.GraphPartitionCreated;
import io.dagline.schemas.PartitionEvent;
import io.dagline.serde.KafkaSchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.topics.DaglineTopics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Ingest of one large DAG, timed from the client's side (all clocks are this JVM's, except {@code createdAt}):
 *
 * <ul>
 *   <li><b>POST</b>: from sending {@code POST /v1/jobs} until the 202 arrives (parse, validate, publish the
 *       JobSubmitted record);
 *   <li><b>partitions committed</b>: from sending the POST until this JVM has read every one of the job's
 *       {@code GraphPartitionCreated} records (read_committed) on {@code dagline.partition-events}, i.e. graph
 *       ingest has cut the graph and its transaction is committed; the records' own {@code createdAt}
 *       (ingest's clock) is reported too;
 *   <li><b>status complete</b>: until {@code GET /v1/jobs/{id}} counts every task (waiting + ready + running +
 *       …): every partition has been loaded by level 1 and its status published (every 250 ms).
 * </ul>
 */
final class LargeDagIngest {

  record Result(int tasks, int bodyBytes, int partitions, long postMillis, long partitionsCommittedMillis,
      long lastCreatedAtMillis, long statusCompleteMillis) {}

  private LargeDagIngest() {}

  static Result run(BenchmarkJobs jobs, String bootstrapServers, String jobId, String jobJson, int tasks)
      throws Exception {
    try (KafkaSchemaCatalog catalog = new KafkaSchemaCatalog(bootstrapServers, DaglineTopics.SCHEMAS);
        KafkaConsumer<String, PartitionEvent> consumer = partitionEvents(bootstrapServers, catalog)) {
      long sent = System.currentTimeMillis();
      jobs.submit(jobJson);
      long accepted = System.currentTimeMillis();
      Set<Integer> seen = new HashSet<>();
      int partitionCount = -1;
      long lastCreatedAt = 0;
      long deadline = sent + Duration.ofMinutes(5).toMillis();
      while (partitionCount < 0 || seen.size() < partitionCount) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("only " + seen.size() + " of " + partitionCount + " partitions of " + jobId);
        }
        for (ConsumerRecord<String, PartitionEvent> record : consumer.poll(Duration.ofMillis(20))) {
          if (record.value() != null && record.value().getEvent() instanceof GraphPartitionCreated created
              && created.getJobId().equals(jobId)) {
            seen.add(created.getPartition());
            partitionCount = created.getPartitionCount();
            lastCreatedAt = Math.max(lastCreatedAt, created.getCreatedAt());
          }
        }
      }
      long partitioned = System.currentTimeMillis();
      long statusComplete = awaitAllTasksCounted(jobs, jobId, tasks) - sent;
      return new Result(tasks, jobJson.length(), partitionCount, accepted - sent, partitioned - sent,
          lastCreatedAt - sent, statusComplete);
    }
  }

  private static long awaitAllTasksCounted(BenchmarkJobs jobs, String jobId, int tasks) throws InterruptedException {
    long deadline = System.currentTimeMillis() + Duration.ofMinutes(5).toMillis();
    while (System.currentTimeMillis() < deadline) {
      JsonNode status = jobs.status(jobId);
      if (status != null) {
        int counted = 0;
        for (JsonNode count : status.path("counts")) {
          counted += count.asInt();
        }
        if (counted >= tasks) {
          return System.currentTimeMillis();
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the status of " + jobId + " never counted all " + tasks + " tasks");
  }

  private static KafkaConsumer<String, PartitionEvent> partitionEvents(String bootstrapServers,
      KafkaSchemaCatalog catalog) {
    DaglineTopics topics = new DaglineTopics(WireFormat.singleObject(catalog));
    KafkaConsumer<String, PartitionEvent> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024),
        new StringDeserializer(), topics.partitionEvents.valueSerde().deserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(DaglineTopics.PARTITION_EVENTS).stream()
        .map(info -> new TopicPartition(DaglineTopics.PARTITION_EVENTS, info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end before the POST, so nothing of this job is skipped
    return consumer;
  }
}
