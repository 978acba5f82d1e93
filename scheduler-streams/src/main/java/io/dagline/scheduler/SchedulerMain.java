package io.dagline.scheduler;

import io.dagline.core.plan.PoolPlanning;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one scheduler instance as its own process. Configuration from the environment:
 * DAGLINE_BOOTSTRAP_SERVERS, DAGLINE_STATE_DIR, DAGLINE_REPLICATION_FACTOR, DAGLINE_STANDBY_REPLICAS,
 * DAGLINE_APPLICATION_ID, DAGLINE_INSTANCE_NAME, DAGLINE_EXACTLY_ONCE, DAGLINE_FAILOVER (safe|fast), DAGLINE_DEFAULT_SITE,
 * DAGLINE_SITES (name:slots:speed,…) and DAGLINE_POOL_POLICIES (pool=policy,…: pools planned at submission).
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
            ? SchedulerRuntime.Failover.FAST : SchedulerRuntime.Failover.SAFE);
    SchedulerRuntime runtime = SchedulerRuntime.start(options,
        SchedulerSettings.defaults().withDefaultSite(env("DAGLINE_DEFAULT_SITE", "default"))
            .withPlanning(PoolPlanning.parse(env("DAGLINE_SITES", ""), env("DAGLINE_POOL_POLICIES", ""))));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      stopped.countDown();
    }, "dagline-scheduler-shutdown"));
    stopped.await();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
