package io.dagline.executor;

import io.dagline.executor.metrics.ExecutorMonitoring;
import io.dagline.observability.MetricsPort;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one executor as its own process. Configuration from the environment: DAGLINE_BOOTSTRAP_SERVERS,
 * DAGLINE_EXECUTOR_ID, DAGLINE_SITE, DAGLINE_SLOTS, DAGLINE_SPEED, DAGLINE_TASKS_PER_POLL,
 * DAGLINE_HEARTBEAT_INTERVAL_MS, DAGLINE_RUN_EXCLUDED_FROM_DELIVERY, DAGLINE_METRICS_PORT (metrics and health; 0 or
 * unset: off) and DAGLINE_METRICS_HOST; what it may run: DAGLINE_FUNCTIONS_DIR, DAGLINE_COMMANDS_ALLOWED and
 * DAGLINE_HTTP_ALLOWED ({@link FunctionSettings}); how long a stop may take: DAGLINE_SHUTDOWN_TIMEOUT_MS (20 s).
 */
public final class ExecutorMain {

  private ExecutorMain() {}

  public static void main(String[] args) throws InterruptedException {
    ExecutorOptions options = new ExecutorOptions(
        // In a container the pid is 1 everywhere; the host name tells scaled replicas apart.
        env("DAGLINE_EXECUTOR_ID", env("HOSTNAME", "executor-" + ProcessHandle.current().pid())),
        env("DAGLINE_SITE", "default"),
        Integer.parseInt(env("DAGLINE_SLOTS", "8")),
        Double.parseDouble(env("DAGLINE_SPEED", "1.0")),
        env("DAGLINE_BOOTSTRAP_SERVERS", "127.0.0.1:19092"),
        Duration.ofMillis(Long.parseLong(env("DAGLINE_HEARTBEAT_INTERVAL_MS", "1000"))),
        Integer.parseInt(env("DAGLINE_TASKS_PER_POLL", "1")),
        Integer.parseInt(env("DAGLINE_RUN_EXCLUDED_FROM_DELIVERY",
            String.valueOf(ExecutorOptions.DEFAULT_RUN_EXCLUDED_FROM_DELIVERY))));
    OptionalInt metricsPort = MetricsPort.parse(System.getenv("DAGLINE_METRICS_PORT"));
    ExecutorMonitoring monitoring = new ExecutorMonitoring(options.executorId(), options.site());
    TaskExecutor executor = TaskExecutor.start(options, FunctionRegistry.load(FunctionSettings.fromEnvironment()),
        metricsPort.isPresent() ? monitoring.metrics() : ExecutorMetrics.NONE);
    if (metricsPort.isPresent()) {
      monitoring.serve(executor, env("DAGLINE_METRICS_HOST", MetricsPort.DEFAULT_HOST), metricsPort.getAsInt());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      executor.close(Duration.ofMillis(Long.parseLong(env("DAGLINE_SHUTDOWN_TIMEOUT_MS",
          String.valueOf(TaskExecutor.DEFAULT_SHUTDOWN_TIMEOUT.toMillis())))));
      monitoring.close();
      stopped.countDown();
    }, "dagline-executor-shutdown"));
    stopped.await();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
