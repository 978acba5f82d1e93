package io.dagline.scheduler;

import io.dagline.core.plan.PoolPlanning;
import io.dagline.ingest.IngestSettings;
import io.dagline.scheduler.tracking.Backoff;
import java.time.Duration;

/**
 * What the scheduler topology needs to decide: where tasks without a site go, how often task
 * attempts are retried by default and how long to wait between them, how often status is
 * published and timers are checked, when an executor that stopped heartbeating no longer counts, and
 * how long past its timeout an attempt that never reported is presumed lost.
 */
public record SchedulerSettings(
    IngestSettings ingest,
    String defaultSite,
    int defaultMaxAttempts,
    Duration statusInterval,
    Duration executorTimeout,
    boolean persistentStores,
    Backoff retry,
    Duration timerInterval,
    Duration timeoutGrace) {

  /** The settings before retries had a backoff: the others take their defaults. */
  public SchedulerSettings(IngestSettings ingest, String defaultSite, int defaultMaxAttempts, Duration statusInterval,
      Duration executorTimeout, boolean persistentStores) {
    this(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout, persistentStores,
        Backoff.defaults(), Duration.ofMillis(100), Duration.ofSeconds(10));
  }

  public static SchedulerSettings defaults() {
    return new SchedulerSettings(
        IngestSettings.defaults(), "default", 4, Duration.ofMillis(250), Duration.ofSeconds(10), true);
  }

  /** Where tasks that name no site run. */
  public SchedulerSettings withDefaultSite(String site) {
    return new SchedulerSettings(ingest, site, defaultMaxAttempts, statusInterval, executorTimeout, persistentStores,
        retry, timerInterval, timeoutGrace);
  }

  public SchedulerSettings withPersistentStores(boolean persistent) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout, persistent,
        retry, timerInterval, timeoutGrace);
  }

  public SchedulerSettings withRetry(Backoff backoff) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout,
        persistentStores, backoff, timerInterval, timeoutGrace);
  }

  public SchedulerSettings withTimeoutGrace(Duration grace) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout,
        persistentStores, retry, timerInterval, grace);
  }

  /** Plans the jobs of these pools at submission (see {@link PoolPlanning}). */
  public SchedulerSettings withPlanning(PoolPlanning pools) {
    return new SchedulerSettings(ingest.withPlanning(pools), defaultSite, defaultMaxAttempts, statusInterval,
        executorTimeout, persistentStores, retry, timerInterval, timeoutGrace);
  }
}
