package io.dagline.executor;

import io.dagline.schemas.JobStopped;
import io.dagline.topics.DaglineTopics;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted cancellations topic from its beginning (every executor needs every record, so
 * partitions are assigned, not subscribed) and remembers the stopped jobs: a slot does not start a
 * task of a stopped job, and one running such a task is interrupted at once.
 */
final class CancellationListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CancellationListener.class);
  /** Only recent stops matter: older jobs have no attempts left to deliver. */
  private static final int REMEMBERED = 100_000;

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<JobStopped> stops;
  private final Consumer<String> onStopped;
  private final Set<String> stopped = Collections.newSetFromMap(Collections.synchronizedMap(
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      }));
  private final Thread thread;
  private volatile boolean running = true;

  CancellationListener(String bootstrapServers, String clientId, Deserializer<JobStopped> stops, Consumer<String> onStopped) {
    this.stops = stops;
    this.onStopped = onStopped;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, clientId,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        // The scheduler writes stops in exactly-once transactions; aborted ones must not count.
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, clientId);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  boolean isStopped(String jobId) {
    return stopped.contains(jobId);
  }

  private void run() {
    try {
      while (running && !assign()) {
        Thread.sleep(1_000); // the topic does not exist yet
      }
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          apply(record);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("cancellation listener stopped: running attempts of cancelled jobs will run to their end", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private boolean assign() {
    try {
      var infos = consumer.partitionsFor(DaglineTopics.CANCELLATIONS, Duration.ofSeconds(5));
      if (infos == null || infos.isEmpty()) {
        return false;
      }
      List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      return true;
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      return false;
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return;
    }
    try {
      String jobId = stops.deserialize(record.topic(), record.value()).getJobId();
      if (stopped.add(jobId)) {
        onStopped.accept(jobId);
      }
    } catch (RuntimeException e) {
      LOG.warn("skipping undecodable cancellation {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  /** Stops following, waiting at most {@code timeout} for the reader to end. */
  public void close(Duration timeout) {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
