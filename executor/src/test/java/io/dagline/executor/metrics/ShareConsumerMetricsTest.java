package io.dagline.executor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Value;
import org.junit.jupiter.api.Test;

class ShareConsumerMetricsTest {

  @Test
  void shouldExposeKafkaMetricsAsLiveMetersWithTheirTags() {
    try (Metrics kafka = new Metrics()) {
      Map<String, String> client = Map.of("client-id", "executor-1-slot-0");
      Sensor fetched = kafka.sensor("fetched");
      fetched.add(kafka.metricName("records-fetched-total", "consumer-share-metrics", "records", client),
          new CumulativeSum());
      Sensor lag = kafka.sensor("lag");
      lag.add(kafka.metricName("last-poll-seconds-ago", "consumer-metrics", "since poll", client), new Value());
      SimpleMeterRegistry registry = new SimpleMeterRegistry();

      new ShareConsumerMetrics(kafka::metrics).bindTo(registry);
      fetched.record(3);
      lag.record(7);

      assertThat(registry.get("kafka.share.consumer.share.records.fetched.total")
          .tag("client.id", "executor-1-slot-0").functionCounter().count()).isEqualTo(3);
      assertThat(registry.get("kafka.share.consumer.last.poll.seconds.ago").gauge().value()).isEqualTo(7);
    }
  }

  @Test
  void shouldNameMetersAfterTheGroupWithoutItsMetricsSuffix() {
    try (Metrics kafka = new Metrics()) {
      assertThat(ShareConsumerMetrics.meterName(kafka.metricName("heartbeat-rate", "consumer-share-coordinator-metrics")))
          .isEqualTo("kafka.share.consumer.share.coordinator.heartbeat.rate");
    }
  }
}
