package io.dagline.scheduler;

import io.dagline.core.plan.PoolPlanning;
import io.dagline.observability.MetricsPort;
import io.dagline.scheduler.metrics.SchedulerMetrics;
import io.dagline.scheduler.metrics.SchedulerMonitoring;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one scheduler instance as its own process. Configuration from the environment:
 * DAGLINE_BOOTSTRAP_SERVERS, DAGLINE_STATE_DIR, DAGLINE_REPLICATION_FACTOR, DAGLINE_STANDBY_REPLICAS,
 * DAGLINE_APPLICATION_ID, DAGLINE_INSTANCE_NAME, DAGLINE_EXACTLY_ONCE, DAGLINE_FAILOVER (safe|fast), DAGLINE_DEFAULT_SITE,
 * DAGLINE_PLATFORM (sites as name:slots:speed,…) and DAGLINE_POOL_POLICIES (pool=policy,…: pools planned at submission),
 * DAGLINE_COMMIT_INTERVAL_MS (Kafka Streams commit interval, 100), DAGLINE_DISPATCH (direct, the default: dispatches
 * reach executors before the commit; transactional: once it commits), DAGLINE_PIPELINING (dispatch credits per executor
 * slot, 2), DAGLINE_METRICS_PORT (metrics and health; 0 or
 * unset: off), DAGLINE_METRICS_HOST, DAGLINE_KNOWN_SITES, DAGLINE_EXECUTOR_TIMEOUT_MS, and the exclusion rules:
 * DAGLINE_EXCLUDE_ON_FAILURE, DAGLINE_EXCLUDE_MAX_FAILED_TASKS_PER_EXECUTOR, DAGLINE_EXCLUDE_FAILURE_WINDOW_MS,
 * DAGLINE_EXCLUDE_EXECUTOR_FOR_MS, DAGLINE_EXCLUDE_MAX_TASK_ATTEMPTS_PER_SITE (see docs/operations.md).
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
            Long.toString(SchedulerRuntime.Options.DEFAULT_COMMIT_INTERVAL.toMillis())))),
        !env("DAGLINE_DISPATCH", "direct").equalsIgnoreCase("transactional"));
    OptionalInt metricsPort = MetricsPort.parse(System.getenv("DAGLINE_METRICS_PORT"));
    SchedulerMonitoring monitoring = new SchedulerMonitoring(options.instanceName());
    SchedulerRuntime runtime = SchedulerRuntime.start(options, settingsFromEnvironment(),
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

  static SchedulerSettings settingsFromEnvironment() {
    SchedulerSettings defaults = SchedulerSettings.defaults();
    ExclusionSettings exclusion = defaults.exclusion();
    String knownSites = env("DAGLINE_KNOWN_SITES", "");
    return defaults
        .withDefaultSite(env("DAGLINE_DEFAULT_SITE", "default"))
        .withPlanning(PoolPlanning.parse(env("DAGLINE_PLATFORM", ""), env("DAGLINE_POOL_POLICIES", "")))
        .withSites(knownSites.isBlank() ? List.of() : List.of(knownSites.split("\\s*,\\s*")))
        .withExecutorTimeout(millis("DAGLINE_EXECUTOR_TIMEOUT_MS", defaults.executorTimeout()))
        .withPipelining(Integer.parseInt(env("DAGLINE_PIPELINING", String.valueOf(defaults.pipelining()))))
        .withTasksPerPartition(Integer.parseInt(env("DAGLINE_TASKS_PER_PARTITION",
            String.valueOf(defaults.ingest().targetTasksPerPartition()))))
        .withExclusion(new ExclusionSettings(
            Boolean.parseBoolean(env("DAGLINE_EXCLUDE_ON_FAILURE", String.valueOf(exclusion.enabled()))),
            Integer.parseInt(env("DAGLINE_EXCLUDE_MAX_FAILED_TASKS_PER_EXECUTOR",
                String.valueOf(exclusion.maxFailedTasksPerExecutor()))),
            millis("DAGLINE_EXCLUDE_FAILURE_WINDOW_MS", exclusion.failureWindow()),
            millis("DAGLINE_EXCLUDE_EXECUTOR_FOR_MS", exclusion.executorExclusion()),
            Integer.parseInt(env("DAGLINE_EXCLUDE_MAX_TASK_ATTEMPTS_PER_SITE",
                String.valueOf(exclusion.maxTaskAttemptsPerSite())))));
  }

  private static Duration millis(String name, Duration fallback) {
    return Duration.ofMillis(Long.parseLong(env(name, String.valueOf(fallback.toMillis()))));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
