package io.dagline.executor;

import io.dagline.topics.DaglineTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records an executor cannot use to {@link DaglineTopics#DEAD_LETTERS}: key and value as they
 * were, and why, where from, in {@code dagline.dead-letter.*} headers.
 */
final class DeadLetters implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;

  DeadLetters(String bootstrapServers, String clientId) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** Returns once the dead letter is durable, so the original may be rejected. */
  void send(ConsumerRecord<String, byte[]> record, String reason) throws ExecutionException, InterruptedException, TimeoutException {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DaglineTopics.DEAD_LETTER_REASON_HEADER, utf8(reason));
    headers.add(DaglineTopics.DEAD_LETTER_TOPIC_HEADER, utf8(record.topic()));
    headers.add(DaglineTopics.DEAD_LETTER_PARTITION_HEADER, utf8(Integer.toString(record.partition())));
    headers.add(DaglineTopics.DEAD_LETTER_OFFSET_HEADER, utf8(Long.toString(record.offset())));
    producer.send(new ProducerRecord<>(DaglineTopics.DEAD_LETTERS, null, record.key(), record.value(), headers))
        .get(30, TimeUnit.SECONDS);
  }

  private static byte[] utf8(String value) {
    return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  public void close(Duration timeout) {
    producer.close(timeout);
  }
}
