package io.dagline.serde;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A schema catalog kept in a compacted Kafka topic (key: fingerprint in hex, value: schema JSON).
 * Writers publish once per schema and process; a reader that meets an unknown fingerprint reads the
 * topic to its end once and looks again.
 */
public final class KafkaSchemaCatalog implements SchemaCatalog, AutoCloseable {

  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(15);

  private final String topic;
  private final Map<String, Object> clientConfig;
  private final Map<Long, Schema> known = new ConcurrentHashMap<>();
  private final Set<Long> published = ConcurrentHashMap.newKeySet();
  private final KafkaProducer<String, String> producer;

  public KafkaSchemaCatalog(String bootstrapServers, String topic) {
    this.topic = topic;
    this.clientConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    Properties producerConfig = new Properties();
    producerConfig.putAll(clientConfig);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "dagline-schema-catalog");
    // Fail within seconds when Kafka is unreachable instead of blocking a writer for minutes.
    producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) PUBLISH_TIMEOUT.toMillis());
    producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) PUBLISH_TIMEOUT.toMillis());
    producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PUBLISH_TIMEOUT.toMillis() / 2);
    this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
  }

  @Override
  public void publish(Schema schema) {
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    known.putIfAbsent(fingerprint, schema);
    if (!published.add(fingerprint)) {
      return;
    }
    try {
      producer.send(new ProducerRecord<>(topic, Long.toHexString(fingerprint), schema.toString()))
          .get(PUBLISH_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      published.remove(fingerprint);
      throw new IllegalStateException("interrupted while publishing schema " + schema.getFullName(), e);
    } catch (ExecutionException | TimeoutException e) {
      published.remove(fingerprint);
      throw new IllegalStateException("could not publish schema " + schema.getFullName(), e.getCause() != null ? e.getCause() : e);
    }
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    Schema schema = known.get(fingerprint);
    if (schema == null) {
      readTopicToEnd();
      schema = known.get(fingerprint);
    }
    return schema;
  }

  private synchronized void readTopicToEnd() {
    Properties config = new Properties();
    config.putAll(clientConfig);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Set<TopicPartition> unfinished = new HashSet<>(partitions);
      unfinished.removeIf(tp -> consumer.position(tp) >= end.get(tp));
      while (!unfinished.isEmpty()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          Schema schema = new Schema.Parser().parse(record.value());
          known.putIfAbsent(SchemaNormalization.parsingFingerprint64(schema), schema);
        }
        unfinished.removeIf(tp -> consumer.position(tp) >= end.get(tp));
      }
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5)); // a broker that is down must not hold up a shutdown
  }
}
