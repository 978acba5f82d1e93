package io.dagline.executor.metrics;

import io.dagline.executor.ExecutorMetrics;
import io.dagline.executor.TaskExecutor;
import io.dagline.observability.MetricsServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * An executor's metrics and health: the attempts its slots run (through {@link #metrics()}), its
 * gauges and Kafka clients, and the JVM's, served by a {@link MetricsServer}. Create it before the
 * executor starts, so the slots get the meters, and {@link #serve} once it runs.
 */
public final class ExecutorMonitoring implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerExecutorMetrics metrics = new MicrometerExecutorMetrics(registry);
  private JvmGcMetrics gcMetrics;
  private MetricsServer server;

  public ExecutorMonitoring(String executorId, String site) {
    registry.config().commonTags("executor", executorId, "site", site);
  }

  public ExecutorMetrics metrics() {
    return metrics;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public MetricsServer serve(TaskExecutor executor, String host, int port) {
    executor.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    server = MetricsServer.start(host, port, registry, executor::liveness, executor::readiness);
    return server;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    if (gcMetrics != null) {
      gcMetrics.close();
    }
    registry.close();
  }
}
