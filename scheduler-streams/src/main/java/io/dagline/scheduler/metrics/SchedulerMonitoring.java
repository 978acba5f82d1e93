package io.dagline.scheduler.metrics;

import io.dagline.observability.MetricsServer;
import io.dagline.scheduler.SchedulerRuntime;
import io.dagline.scheduler.StoreNames;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * A scheduler instance's metrics and health: Dagline's own meters (fed by the processors through
 * {@link #metrics()}), Kafka Streams' client metrics, state-store sizes and the JVM's, served by a
 * {@link MetricsServer}. Create it before the scheduler starts, so the processors get the meters,
 * and {@link #serve} once the scheduler runs.
 */
public final class SchedulerMonitoring implements AutoCloseable {

  private static final List<String> STORES = List.of(StoreNames.TASKS, StoreNames.PARTITIONS,
      StoreNames.STATUS_PENDING, StoreNames.TIMERS, StoreNames.SITES, StoreNames.DISPATCH_QUEUE,
      StoreNames.JOBS);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerSchedulerMetrics metrics;
  private KafkaStreamsMetrics streamsMetrics;
  private JvmGcMetrics gcMetrics;
  private MetricsServer server;

  public SchedulerMonitoring(String instanceName) {
    registry.config().commonTags("instance", instanceName);
    this.metrics = new MicrometerSchedulerMetrics(registry);
  }

  /** What the topology's processors record into. */
  public SchedulerMetrics metrics() {
    return metrics;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Binds the running scheduler's meters and starts serving them and its health on {@code host:port}. */
  public MetricsServer serve(SchedulerRuntime runtime, String host, int port) {
    streamsMetrics = new KafkaStreamsMetrics(runtime.streams());
    streamsMetrics.bindTo(registry);
    new StoreSizeGauges(runtime.streams(), STORES).bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    SchedulerHealth health = new SchedulerHealth(runtime.streams()::state);
    server = MetricsServer.start(host, port, registry, health::liveness, health::readiness);
    return server;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    if (streamsMetrics != null) {
      streamsMetrics.close();
    }
    if (gcMetrics != null) {
      gcMetrics.close();
    }
    registry.close();
  }
}
