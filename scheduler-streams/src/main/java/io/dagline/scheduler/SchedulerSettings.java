package io.dagline.scheduler;

import io.dagline.ingest.IngestSettings;
import java.time.Duration;

/**
 * What the scheduler topology needs to decide: where tasks without a site go, how often task
 * attempts are retried by default, how often status is published, and when an executor that stopped
 * heartbeating no longer counts.
 */
public record SchedulerSettings(
    IngestSettings ingest,
    String defaultSite,
    int defaultMaxAttempts,
    Duration statusInterval,
    Duration executorTimeout,
    boolean persistentStores) {

  public static SchedulerSettings defaults() {
    return new SchedulerSettings(
        IngestSettings.defaults(), "default", 4, Duration.ofMillis(250), Duration.ofSeconds(10), true);
  }

  public SchedulerSettings withPersistentStores(boolean persistent) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout, persistent);
  }
}
