package io.dagline.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every committed record of a topic, from the beginning to its end offsets when called. A value that does
 * not decode is skipped: some tests write such records on purpose, to see them dead-lettered.
 */
final class TopicContents {

  private TopicContents() {}

  static <V> void forEach(String bootstrapServers, String topic, Deserializer<V> values, Consumer<V> action) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          V value = decode(values, record.topic(), record.value());
          if (value != null) {
            action.accept(value);
          }
        }
      }
    }
  }

  private static <V> V decode(Deserializer<V> values, String topic, byte[] bytes) {
    try {
      return bytes == null ? null : values.deserialize(topic, bytes);
    } catch (SerializationException e) {
      return null;
    }
  }
}
