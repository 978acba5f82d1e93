package io.dagline.executor;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one executor as its own process. Configuration from the environment: DAGLINE_BOOTSTRAP_SERVERS,
 * DAGLINE_EXECUTOR_ID, DAGLINE_SITE, DAGLINE_SLOTS, DAGLINE_SPEED, DAGLINE_TASKS_PER_POLL,
 * DAGLINE_HEARTBEAT_INTERVAL_MS, DAGLINE_RUN_EXCLUDED_FROM_DELIVERY.
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
    TaskExecutor executor = TaskExecutor.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      executor.close();
      stopped.countDown();
    }, "dagline-executor-shutdown"));
    stopped.await();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
