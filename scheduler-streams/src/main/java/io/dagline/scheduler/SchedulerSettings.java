package io.dagline.scheduler;

import io.dagline.core.plan.PoolPlanning;
import io.dagline.ingest.IngestSettings;
import io.dagline.scheduler.tracking.Backoff;
import java.time.Duration;
import java.util.List;

/**
 * What the scheduler topology needs to decide: where tasks without a site go and which other sites a
 * task may move to, how often task attempts are retried by default and how long to wait between
 * them, how often status is published and timers are checked, when an executor that stopped
 * heartbeating is lost (its slots no longer count and its running attempts fail), how long past its
 * timeout an attempt that never reported is presumed lost, and when executors and sites are excluded
 * after failures.
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
    Duration timeoutGrace,
    ExclusionSettings exclusion,
    List<String> sites) {

  public SchedulerSettings {
    sites = List.copyOf(sites);
  }

  /** The settings before retries had a backoff: the others take their defaults. */
  public SchedulerSettings(IngestSettings ingest, String defaultSite, int defaultMaxAttempts, Duration statusInterval,
      Duration executorTimeout, boolean persistentStores) {
    this(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout, persistentStores,
        Backoff.defaults(), Duration.ofMillis(100), Duration.ofSeconds(10), ExclusionSettings.defaults(), List.of());
  }

  public static SchedulerSettings defaults() {
    return new SchedulerSettings(
        IngestSettings.defaults(), "default", 4, Duration.ofMillis(250), Duration.ofSeconds(10), true);
  }

  /** Where tasks that name no site run. */
  public SchedulerSettings withDefaultSite(String site) {
    return new SchedulerSettings(ingest, site, defaultMaxAttempts, statusInterval, executorTimeout, persistentStores,
        retry, timerInterval, timeoutGrace, exclusion, sites);
  }

  public SchedulerSettings withPersistentStores(boolean persistent) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout, persistent,
        retry, timerInterval, timeoutGrace, exclusion, sites);
  }

  public SchedulerSettings withRetry(Backoff backoff) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout,
        persistentStores, backoff, timerInterval, timeoutGrace, exclusion, sites);
  }

  public SchedulerSettings withTimeoutGrace(Duration grace) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout,
        persistentStores, retry, timerInterval, grace, exclusion, sites);
  }

  /** How long an executor may stay silent before it is declared lost. */
  public SchedulerSettings withExecutorTimeout(Duration timeout) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, timeout,
        persistentStores, retry, timerInterval, timeoutGrace, exclusion, sites);
  }

  public SchedulerSettings withExclusion(ExclusionSettings rules) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout,
        persistentStores, retry, timerInterval, timeoutGrace, rules, sites);
  }

  /** Sites a task not pinned to its own may move to after failing there (besides the default site). */
  public SchedulerSettings withSites(List<String> known) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout,
        persistentStores, retry, timerInterval, timeoutGrace, exclusion, known);
  }

  /** The default site and the other known sites, each once, the default first. */
  public List<String> knownSites() {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
    all.add(defaultSite);
    all.addAll(sites);
    return List.copyOf(all);
  }

  /** Plans the jobs of these pools at submission (see {@link PoolPlanning}). */
  public SchedulerSettings withPlanning(PoolPlanning pools) {
    return new SchedulerSettings(ingest.withPlanning(pools), defaultSite, defaultMaxAttempts, statusInterval,
        executorTimeout, persistentStores, retry, timerInterval, timeoutGrace, exclusion, sites);
  }
}
