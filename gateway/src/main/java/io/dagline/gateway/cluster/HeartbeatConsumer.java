package io.dagline.gateway.cluster;

import io.dagline.schemas.DispatchEvent;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.topics.DaglineTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the executors' heartbeats on the dispatch-events topic into {@link ExecutorViews}.
 *
 * <p>The topic is a log that also carries every ready task, so it is not read from the beginning:
 * reading starts {@code lookback} before the gateway started (executors beat every few seconds, so
 * every live one shows within that window), by offsets for that time. Like the status view, the
 * partitions are assigned (no group), and records that do not decode are skipped.
 */
public final class HeartbeatConsumer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long RETRY_MS = 2_000;

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<DispatchEvent> events;
  private final ExecutorViews views;
  private final Duration lookback;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private boolean started;

  public HeartbeatConsumer(String bootstrapServers, DaglineTopics topics, ExecutorViews views, Duration lookback) {
    this.views = views;
    this.lookback = lookback;
    this.events = topics.dispatchEvents.valueSerde().deserializer();
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, "dagline-gateway-heartbeats",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
        new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "dagline-gateway-heartbeats");
    this.thread.setDaemon(true);
  }

  public synchronized void start() {
    if (!started) {
      started = true;
      thread.start();
    }
  }

  private void run() {
    try {
      while (running && !assign()) {
        stopped.await(RETRY_MS, TimeUnit.MILLISECONDS);
      }
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          apply(record);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      if (running) {
        log.error("heartbeat view stopped unexpectedly", e);
      }
    } catch (RuntimeException e) {
      log.error("heartbeat view stopped: executors will no longer be updated", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Assigns every partition of the topic, positioned {@code lookback} back; false while the topic is not there. */
  private boolean assign() {
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(DaglineTopics.DISPATCH_EVENTS, Duration.ofSeconds(5));
      if (infos == null || infos.isEmpty()) {
        return false;
      }
      Map<TopicPartition, Long> since = new HashMap<>();
      long from = System.currentTimeMillis() - lookback.toMillis();
      infos.forEach(info -> since.put(new TopicPartition(info.topic(), info.partition()), from));
      consumer.assign(since.keySet());
      Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since, Duration.ofSeconds(5));
      Set<TopicPartition> partitions = since.keySet();
      for (TopicPartition partition : partitions) {
        OffsetAndTimestamp offset = offsets.get(partition);
        if (offset == null) {
          consumer.seekToEnd(List.of(partition)); // nothing that recent: only what comes from now on
        } else {
          consumer.seek(partition, offset.offset());
        }
      }
      return true;
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      log.debug("cannot assign {} yet", DaglineTopics.DISPATCH_EVENTS, e);
      return false;
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    try {
      DispatchEvent event = events.deserialize(record.topic(), record.value());
      if (event != null && event.getEvent() instanceof ExecutorHeartbeat heartbeat) {
        views.apply(heartbeat);
      }
    } catch (RuntimeException e) {
      log.debug("skipping undecodable record {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (!started) {
      started = true;
      running = false;
      consumer.close(Duration.ZERO);
      return;
    }
    running = false;
    stopped.countDown();
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
