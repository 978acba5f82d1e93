package io.dagline.scheduler;

import io.dagline.core.plan.PoolPlanning;
import io.dagline.observability.MetricsPort;
import io.dagline.scheduler.metrics.SchedulerMetrics;
import io.dagline.scheduler.metrics.SchedulerMonitoring;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one scheduler instance as its own process. Configuration from the environment:
 * DAGLINE_BOOTSTRAP_SERVERS, DAGLINE_STATE_DIR, DAGLINE_REPLICATION_FACTOR, DAGLINE_STANDBY_REPLICAS,
 * DAGLINE_APPLICATION_ID, DAGLINE_INSTANCE_NAME, DAGLINE_EXACTLY_ONCE, DAGLINE_FAILOVER (safe|fast), DAGLINE_DEFAULT_SITE,
 * DAGLINE_PLATFORM (sites as name:slots:speed,…) and DAGLINE_POOL_POLICIES (pool=policy,…: pools planned at submission),
 * DAGLINE_COMMIT_INTERVAL_MS (Kafka Streams commit interval, 100), DAGLINE_METRICS_PORT (metrics and health; 0 or
 * unset: off) and DAGLINE_METRICS_HOST.
 */
public final class SchedulerMain {

  private SchedulerMain() {}

  public static void main(String[] args) throws InterruptedException {
    SchedulerRuntime.Options options = new SchedulerRuntime.Options(
        env("DAGLINE_BOOTSTRAP_SERVERS", "127.0.0.1:19092"),
        env("DAGLINE_APPLICATION_ID", "dagline-scheduler"),
        env("DAGLINE_INSTANCE_NAME", "scheduler-" + ProcessHandle.current().pid()),
        Path.of(env("DAGLINE_STATE_DIR", ".dagline/scheduler")),
        Integer.parseInt(env("DAGLINE_REPLICATION_FACTOR", "1")),
        Integer.parseInt(env("DAGLINE_STANDBY_REPLICAS", "0")),
        Boolean.parseBoolean(env("DAGLINE_EXACTLY_ONCE", "true")),
        1,
        env("DAGLINE_FAILOVER", "safe").equalsIgnoreCase("fast")
            ? SchedulerRuntime.Failover.FAST : SchedulerRuntime.Failover.SAFE,
        Duration.ofMillis(Long.parseLong(env("DAGLINE_COMMIT_INTERVAL_MS",
            Long.toString(SchedulerRuntime.Options.DEFAULT_COMMIT_INTERVAL.toMillis())))));
    OptionalInt metricsPort = MetricsPort.parse(System.getenv("DAGLINE_METRICS_PORT"));
    SchedulerMonitoring monitoring = new SchedulerMonitoring(options.instanceName());
    SchedulerRuntime runtime = SchedulerRuntime.start(options,
        SchedulerSettings.defaults().withDefaultSite(env("DAGLINE_DEFAULT_SITE", "default"))
            .withPlanning(PoolPlanning.parse(env("DAGLINE_PLATFORM", ""), env("DAGLINE_POOL_POLICIES", ""))),
        metricsPort.isPresent() ? monitoring.metrics() : SchedulerMetrics.NONE);
    if (metricsPort.isPresent()) {
      monitoring.serve(runtime, env("DAGLINE_METRICS_HOST", MetricsPort.DEFAULT_HOST), metricsPort.getAsInt());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      monitoring.close();
      stopped.countDown();
    }, "dagline-scheduler-shutdown"));
    stopped.await();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
