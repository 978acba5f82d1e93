package io.dagline.scheduler;

import io.dagline.core.plan.PoolPlanning;
import io.dagline.core.site.Platform;
import io.dagline.ingest.IngestSettings;
import io.dagline.scheduler.tracking.Backoff;
import java.time.Duration;
import io.dagline.core.credits.CreditDivision;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scheduler topology needs to decide: where tasks without a site go and which other sites a
 * task may move to, how often task attempts are retried by default and how long to wait between
 * them, how often status is published and timers are checked, when an executor that stopped
 * heartbeating is lost (its slots no longer count and its running attempts fail), how long past its
 * timeout an attempt that never reported is presumed lost, when executors and sites are excluded
 * after failures, and how a site's dispatch credits are counted and divided.
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
    List<String> sites,
    int pipelining,
    Map<String, CreditDivision.PoolShare> poolShares) {

  /**
   * Dispatch credits per executor slot by default: one attempt running and one waiting at the executors,
   * so a slot that frees up takes its next attempt without a round trip through the scheduler (Dask's
   * worker saturation plays the same part).
   */
  public static final int DEFAULT_PIPELINING = 2;

  public SchedulerSettings {
    sites = List.copyOf(sites);
    poolShares = Map.copyOf(poolShares);
    if (pipelining < 1) {
      throw new IllegalArgumentException("pipelining must be at least 1, was " + pipelining);
    }
  }

  /** The settings before retries had a backoff: the others take their defaults. */
  public SchedulerSettings(IngestSettings ingest, String defaultSite, int defaultMaxAttempts, Duration statusInterval,
      Duration executorTimeout, boolean persistentStores) {
    this(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout, persistentStores,
        Backoff.defaults(), Duration.ofMillis(100), Duration.ofSeconds(10), ExclusionSettings.defaults(), List.of(),
        DEFAULT_PIPELINING, Map.of());
  }

  public static SchedulerSettings defaults() {
    return new SchedulerSettings(
        IngestSettings.defaults(), "default", 4, Duration.ofMillis(250), Duration.ofSeconds(10), true);
  }

  /** Where tasks that name no site run. */
  public SchedulerSettings withDefaultSite(String site) {
    return new SchedulerSettings(ingest, site, defaultMaxAttempts, statusInterval, executorTimeout, persistentStores,
        retry, timerInterval, timeoutGrace, exclusion, sites, pipelining, poolShares);
  }

  public SchedulerSettings withPersistentStores(boolean persistent) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout, persistent,
        retry, timerInterval, timeoutGrace, exclusion, sites, pipelining, poolShares);
  }

  public SchedulerSettings withRetry(Backoff backoff) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout,
        persistentStores, backoff, timerInterval, timeoutGrace, exclusion, sites, pipelining, poolShares);
  }

  public SchedulerSettings withTimeoutGrace(Duration grace) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout,
        persistentStores, retry, timerInterval, grace, exclusion, sites, pipelining, poolShares);
  }

  /** How long an executor may stay silent before it is declared lost. */
  public SchedulerSettings withExecutorTimeout(Duration timeout) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, timeout,
        persistentStores, retry, timerInterval, timeoutGrace, exclusion, sites, pipelining, poolShares);
  }

  public SchedulerSettings withExclusion(ExclusionSettings rules) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout,
        persistentStores, retry, timerInterval, timeoutGrace, rules, sites, pipelining, poolShares);
  }

  /** Sites a task not pinned to its own may move to after failing there (besides the default site). */
  public SchedulerSettings withSites(List<String> known) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout,
        persistentStores, retry, timerInterval, timeoutGrace, exclusion, known, pipelining, poolShares);
  }

  /** Dispatch credits per executor slot (at least 1). */
  public SchedulerSettings withPipelining(int creditsPerSlot) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout,
        persistentStores, retry, timerInterval, timeoutGrace, exclusion, sites, creditsPerSlot, poolShares);
  }

  /** Each pool's weight and minShare in the division of a site's credits (unnamed pools: weight 1, minShare 0). */
  public SchedulerSettings withPoolShares(Map<String, CreditDivision.PoolShare> shares) {
    return new SchedulerSettings(ingest, defaultSite, defaultMaxAttempts, statusInterval, executorTimeout,
        persistentStores, retry, timerInterval, timeoutGrace, exclusion, sites, pipelining, shares);
  }

  /**
   * The default site, the other known sites and the sites of the planning platform, each once, in that order: where
   * a task that keeps failing at its site may go.
   */
  public List<String> knownSites() {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
    all.add(defaultSite);
    all.addAll(sites);
    planningPlatform().ifPresent(platform -> all.addAll(platform.siteNames()));
    return List.copyOf(all);
  }

  /** The sites, slots and speeds jobs of planned pools are planned for; empty when no pool is planned. */
  public Optional<Platform> planningPlatform() {
    return Optional.ofNullable(ingest.planning().planner()).map(planner -> planner.platform());
  }

  /** Jobs are cut into graph partitions of about {@code tasks} tasks each. */
  public SchedulerSettings withTasksPerPartition(int tasks) {
    return new SchedulerSettings(ingest.withTargetTasksPerPartition(tasks), defaultSite, defaultMaxAttempts,
        statusInterval, executorTimeout, persistentStores, retry, timerInterval, timeoutGrace, exclusion, sites,
        pipelining, poolShares);
  }

  /** Plans the jobs of these pools at submission (see {@link PoolPlanning}). */
  public SchedulerSettings withPlanning(PoolPlanning pools) {
    return new SchedulerSettings(ingest.withPlanning(pools), defaultSite, defaultMaxAttempts, statusInterval,
        executorTimeout, persistentStores, retry, timerInterval, timeoutGrace, exclusion, sites, pipelining, poolShares);
  }
}
