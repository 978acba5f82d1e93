package io.dagline.executor.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A share consumer's Kafka client metrics as meters named {@code kafka.share.<group>.<name>}, with the
 * metric's own tags ({@code client-id} becomes {@code client.id}). Micrometer's {@code KafkaClientMetrics}
 * takes producers, consumers and admin clients but no {@code ShareConsumer} (1.15), hence this binder.
 * It binds the metrics that exist when it is bound, which covers the consumer-wide ones; per-broker
 * metrics created later are left out. Reading a metric's value is thread-safe.
 */
public final class ShareConsumerMetrics implements MeterBinder {

  private final Supplier<Map<MetricName, ? extends Metric>> metrics;

  public ShareConsumerMetrics(Supplier<Map<MetricName, ? extends Metric>> metrics) {
    this.metrics = metrics;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
      MetricName name = entry.getKey();
      Metric metric = entry.getValue();
      if (!(metric.metricValue() instanceof Number)) {
        continue; // app-info's version and commit id are strings
      }
      String meterName = meterName(name);
      List<Tag> tags = tags(name);
      try {
        if (name.name().endsWith("-total")) {
          FunctionCounter.builder(meterName, metric, ShareConsumerMetrics::value)
              .description(name.description()).tags(tags).register(registry);
        } else {
          Gauge.builder(meterName, metric, ShareConsumerMetrics::value)
              .description(name.description()).tags(tags).register(registry);
        }
      } catch (IllegalArgumentException e) {
        // Prometheus wants one set of tag keys per name; a metric that breaks it is left out.
      }
    }
  }

  static String meterName(MetricName name) {
    String group = name.group().endsWith("-metrics")
        ? name.group().substring(0, name.group().length() - "-metrics".length()) : name.group();
    return ("kafka.share." + group + "." + name.name()).replace('-', '.');
  }

  private static List<Tag> tags(MetricName name) {
    List<Tag> tags = new ArrayList<>();
    name.tags().forEach((key, value) -> tags.add(Tag.of(key.replace('-', '.'), value)));
    return tags;
  }

  private static double value(Metric metric) {
    return metric.metricValue() instanceof Number number ? number.doubleValue() : Double.NaN;
  }
}
