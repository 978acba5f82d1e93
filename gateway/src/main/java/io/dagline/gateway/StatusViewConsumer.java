package io.dagline.gateway;

import io.dagline.topics.DaglineTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
 * One background thread that reads the job-status, partition-status and task-results topics from the beginning
 * into {@link StatusViews}, and keeps following them.
 *
 * <p>Partitions are assigned, not subscribed: every gateway instance needs every record, and no group
 * means no rebalance and no committed offsets. Topics that do not exist yet are looked for again
 * every second (the gateway never creates them); later, every 30 s, so that added partitions are seen.
 * Values are decoded here rather than by the consumer so that one undecodable record is logged and
 * skipped instead of stopping the view.
 *
 * <p>For readiness it tells whether it has {@linkplain #caughtUp() caught up}: read, once after start,
 * up to the end offsets the topics had when it first saw them all; and whether the broker
 * {@linkplain #brokerReachable() answered} its last end-offset check (every few seconds).
 */
public final class StatusViewConsumer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StatusViewConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long REFRESH_WHILE_INCOMPLETE_MS = 1_000;
  private static final long REFRESH_MS = 30_000;
  private static final long BROKER_CHECK_MS = 5_000;
  private static final Duration BROKER_CHECK_TIMEOUT = Duration.ofSeconds(3);

  private final KafkaConsumer<String, byte[]> consumer;
  private final StatusViews views;
  private final Deserializer<io.dagline.schemas.JobStatusChanged> jobStatus;
  private final Deserializer<io.dagline.schemas.PartitionStatus> partitionStatus;
  private final Deserializer<io.dagline.schemas.TaskResult> taskResults;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private boolean started;
  private long nextRefresh;
  private boolean complete;
  private long nextBrokerCheck;
  /** The end offsets to reach before the view counts as caught up; null until every topic was found. */
  private Map<TopicPartition, Long> catchUpTargets;
  private volatile boolean caughtUp;
  private volatile boolean brokerReachable;

  public StatusViewConsumer(String bootstrapServers, DaglineTopics topics, StatusViews views) {
    this.views = views;
    this.jobStatus = topics.jobStatus.valueSerde().deserializer();
    this.partitionStatus = topics.partitionStatus.valueSerde().deserializer();
    this.taskResults = topics.taskResults.valueSerde().deserializer();
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, "dagline-gateway-status-view",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        // The schedulers write status with exactly-once transactions; aborted writes must not show.
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "dagline-gateway-status-view");
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
      while (running) {
        if (System.currentTimeMillis() >= nextRefresh) {
          refreshAssignment();
        }
        if (consumer.assignment().isEmpty()) {
          checkProgress();
          stopped.await(REFRESH_WHILE_INCOMPLETE_MS, TimeUnit.MILLISECONDS);
          continue;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          apply(record);
        }
        checkProgress();
      }
    } catch (WakeupException | InterruptedException e) {
      if (running) {
        log.error("status view stopped unexpectedly", e);
      }
    } catch (RuntimeException e) {
      log.error("status view stopped: job and task status will no longer be updated", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void refreshAssignment() {
    Set<TopicPartition> wanted = new HashSet<>(consumer.assignment());
    boolean allFound = true;
    for (String topic : List.of(DaglineTopics.JOB_STATUS, DaglineTopics.PARTITION_STATUS, DaglineTopics.TASK_RESULTS)) {
      List<PartitionInfo> infos = partitionsOf(topic);
      if (infos.isEmpty()) {
        allFound = false;
        if (complete || nextRefresh == 0) {
          log.warn("topic {} does not exist (yet); its status will show once it does", topic);
        }
      }
      infos.forEach(info -> wanted.add(new TopicPartition(topic, info.partition())));
    }
    List<TopicPartition> added = new ArrayList<>(wanted);
    added.removeAll(consumer.assignment());
    if (!added.isEmpty()) {
      consumer.assign(wanted);
      consumer.seekToBeginning(added);
      log.info("status view reads {} partitions from the beginning", added.size());
    }
    complete = allFound;
    if (allFound && catchUpTargets == null) {
      nextBrokerCheck = 0; // take the end offsets to catch up with now
    }
    nextRefresh = System.currentTimeMillis() + (allFound ? REFRESH_MS : REFRESH_WHILE_INCOMPLETE_MS);
  }

  /** Every few seconds (and after every poll until caught up): is the broker there, and has the view caught up? */
  private void checkProgress() {
    long now = System.currentTimeMillis();
    boolean checkBroker = now >= nextBrokerCheck;
    if (caughtUp && !checkBroker) {
      return;
    }
    try {
      if (checkBroker) {
        nextBrokerCheck = now + BROKER_CHECK_MS;
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
          consumer.listTopics(BROKER_CHECK_TIMEOUT); // only to see whether the broker answers
        } else {
          Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, BROKER_CHECK_TIMEOUT);
          if (complete && catchUpTargets == null) {
            catchUpTargets = Map.copyOf(ends);
          }
        }
        brokerReachable = true;
      }
      if (!caughtUp && catchUpTargets != null && reached(catchUpTargets)) {
        caughtUp = true;
        log.info("status view caught up with the status topics");
      }
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      if (brokerReachable) {
        log.warn("the broker did not answer within {}: {}", BROKER_CHECK_TIMEOUT, e.toString());
      }
      brokerReachable = false;
    }
  }

  private boolean reached(Map<TopicPartition, Long> targets) {
    for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
      if (consumer.position(target.getKey(), BROKER_CHECK_TIMEOUT) < target.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Whether the view has read every status record that existed when it started (and found all topics). */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** Whether the broker answered the view's last check. */
  public boolean brokerReachable() {
    return brokerReachable;
  }

  private List<PartitionInfo> partitionsOf(String topic) {
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      return infos == null ? List.of() : infos;
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      log.debug("cannot read the partitions of {}", topic, e);
      return List.of();
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    try {
      if (record.topic().equals(DaglineTopics.JOB_STATUS)) {
        views.applyJobStatus(record.key(), jobStatus.deserialize(record.topic(), record.value()));
      } else if (record.topic().equals(DaglineTopics.PARTITION_STATUS)) {
        views.applyPartitionStatus(record.key(), partitionStatus.deserialize(record.topic(), record.value()));
      } else {
        views.applyTaskResult(taskResults.deserialize(record.topic(), record.value()));
      }
    } catch (RuntimeException e) {
      log.warn("skipping undecodable record {}-{}@{} (key {})", record.topic(), record.partition(),
          record.offset(), record.key(), e);
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
