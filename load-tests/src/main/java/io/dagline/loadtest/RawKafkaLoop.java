package io.dagline.loadtest;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka alone, on the same broker as the Dagline run: what one hop costs without Dagline's logic. A fixed number
 * of tokens circulate in a loop of two topics:
 *
 * <pre>
 *   driver --produce--> loop-a --relay (consume, produce)--> loop-b --driver (consume, produce again)--> loop-a …
 * </pre>
 *
 * The relay plays a Kafka Streams stage with Dagline's settings: exactly-once (a transactional producer, read_committed
 * consumer, offsets sent in the transaction, commit every 100 ms like Dagline's {@code commit.interval.ms}, linger
 * 2 ms) or plain (at-least-once: idempotent producer with acks=all and linger 2 ms, auto-committed offsets).
 * The driver plays the executor: a plain producer and a read_committed consumer. Each token carries a
 * {@code System.nanoTime()} stamp, so one round trip (driver → relay → driver) is also timed.
 * Messages per second = round trips completed per second with {@code inFlight} tokens circulating, which with
 * inFlight = Dagline's total slots is the raw analogue of Dagline's tasks per second.
 */
final class RawKafkaLoop {

  /** What a loop measured. */
  record Result(boolean exactlyOnce, int inFlight, long roundTrips, double perSecond, Latencies roundTrip) {}

  private static final int PAYLOAD_BYTES = 200; // about a TaskDispatched record
  private static final long COMMIT_INTERVAL_MS = 100;

  private RawKafkaLoop() {}

  static Result run(String bootstrapServers, boolean exactlyOnce, int inFlight, Duration warmUp, Duration measure)
      throws Exception {
    String prefix = "bench.raw-" + (exactlyOnce ? "eos" : "plain") + "-" + System.currentTimeMillis();
    String loopA = prefix + "-a";
    String loopB = prefix + "-b";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(loopA, 8, (short) 1), new NewTopic(loopB, 8, (short) 1)))
          .all().get(1, TimeUnit.MINUTES);
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread relay = new Thread(() -> relay(bootstrapServers, exactlyOnce, loopA, loopB, prefix, stop), "raw-relay");
    relay.start();
    try {
      return drive(bootstrapServers, exactlyOnce, inFlight, loopA, loopB, warmUp, measure);
    } finally {
      stop.set(true);
      relay.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  private static Result drive(String bootstrapServers, boolean exactlyOnce, int inFlight, String loopA, String loopB,
      Duration warmUp, Duration measure) {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(plainProducer(bootstrapServers),
        new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(loopB).stream()
          .map(info -> new TopicPartition(loopB, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // resolves the end now, before any token is sent
      for (int token = 0; token < inFlight; token++) {
        producer.send(new ProducerRecord<>(loopA, "token-" + token, stamped()));
      }
      long measureFrom = System.nanoTime() + warmUp.toNanos();
      long measureUntil = measureFrom + measure.toNanos();
      long roundTrips = 0;
      Latencies roundTrip = new Latencies();
      while (System.nanoTime() < measureUntil) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          if (now >= measureFrom) {
            roundTrips++;
            roundTrip.record(TimeUnit.NANOSECONDS.toMillis(now - ByteBuffer.wrap(record.value()).getLong()));
          }
          producer.send(new ProducerRecord<>(loopA, record.key(), stamped()));
        }
      }
      return new Result(exactlyOnce, inFlight, roundTrips, roundTrips / (measure.toNanos() / 1e9), roundTrip);
    }
  }

  private static void relay(String bootstrapServers, boolean exactlyOnce, String from, String to, String group,
      AtomicBoolean stop) {
    Map<String, Object> producerConfig = plainProducer(bootstrapServers);
    Map<String, Object> consumerConfig = new HashMap<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, group + "-relay",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    if (exactlyOnce) {
      producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-relay");
      consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
        new ByteArraySerializer());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(from));
      if (exactlyOnce) {
        producer.initTransactions();
        producer.beginTransaction();
      }
      long lastCommit = System.currentTimeMillis();
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      while (!stop.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(10))) {
          producer.send(new ProducerRecord<>(to, record.key(), record.value()));
          offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        if (exactlyOnce && System.currentTimeMillis() - lastCommit >= COMMIT_INTERVAL_MS) {
          if (!offsets.isEmpty()) {
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
          }
          producer.commitTransaction();
          producer.beginTransaction();
          offsets.clear();
          lastCommit = System.currentTimeMillis();
        }
      }
      if (exactlyOnce) {
        producer.abortTransaction();
      }
    }
  }

  private static Map<String, Object> plainProducer(String bootstrapServers) {
    return new HashMap<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 2));
  }

  private static byte[] stamped() {
    return ByteBuffer.allocate(PAYLOAD_BYTES).putLong(System.nanoTime()).array();
  }
}
