package io.dagline.scheduler.coordinator;

import io.dagline.core.credits.CreditDivision;
import io.dagline.schemas.AttemptLost;
import io.dagline.schemas.CreditsGranted;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.schemas.PartitionDemand;
import io.dagline.schemas.SlotReleased;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.state.ExecutorSlots;
import io.dagline.schemas.state.PartitionClaim;
import io.dagline.schemas.state.SiteRecord;
import io.dagline.scheduler.ExclusionSettings;
import io.dagline.topics.DaglineTopics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site coordinator, keyed by site, off the critical path: knows the site's executors and their
 * slots (from heartbeats) and every graph partition's demand there, and grants each partition dispatch
 * credits: the site's slots times a small pipelining factor, divided by {@link CreditDivision} (pools'
 * weight and minShare, then equally, oldest claim first). It re-divides only when demand or capacity
 * changes, and tells a partition only when its grant changes; the partitions dispatch on their own
 * within their grants, and an ended attempt returns its credit to its partition at once.
 *
 * <p>Executors: one silent for longer than the executor timeout is lost. Its slots no longer count
 * and each attempt its last heartbeat reported running is sent to its partition as {@link AttemptLost},
 * which fails it and so returns its credit. An executor on which too many distinct tasks failed within
 * the failure window is excluded for a while: its slots do not count, and every grant names it, so the
 * partitions name it in what they dispatch and it releases such records. Grants also name the live
 * executors, so that a partition's exclusions give way when they would leave no live executor.
 */
public final class SiteCoordinator {

  private static final Logger LOG = LoggerFactory.getLogger(SiteCoordinator.class);
  /** How often {@link #expireSilentExecutors()} is meant to run. */
  public static final java.time.Duration CHECK_INTERVAL = java.time.Duration.ofSeconds(1);

  private final KeyValueStore<String, SiteRecord> sites;
  private final Consumer<CreditsGranted> grants;
  private final Consumer<AttemptLost> lost;
  private final long executorTimeoutMs;
  private final ExclusionSettings exclusion;
  private final int pipelining;
  private final Map<String, CreditDivision.PoolShare> pools;
  private final LongSupplier clock;
  /**
   * No executor is declared lost before then: after this instance takes over the site, or after the
   * scheduler itself stalled, heartbeats written meanwhile may still be unread.
   */
  private long noExecutorLostBefore;
  private long lastCheckAt;

  /**
   * @param pipelining credits per slot: more than one keeps the next attempt waiting at the executors,
   *     so a slot that frees up does not wait for a round trip through the scheduler
   */
  public SiteCoordinator(KeyValueStore<String, SiteRecord> sites, Consumer<CreditsGranted> grants,
      Consumer<AttemptLost> lost, long executorTimeoutMs, ExclusionSettings exclusion, int pipelining,
      Map<String, CreditDivision.PoolShare> pools, LongSupplier clock) {
    this.sites = sites;
    this.grants = grants;
    this.lost = lost;
    this.executorTimeoutMs = executorTimeoutMs;
    this.exclusion = exclusion;
    this.pipelining = pipelining;
    this.pools = Map.copyOf(pools);
    this.clock = clock;
    this.noExecutorLostBefore = clock.getAsLong() + executorTimeoutMs;
  }

  /** A partition's demand started, ended or changed: the site's credits are divided again. */
  public void onDemand(PartitionDemand demand) {
    SiteRecord site = siteOf(demand.getSite());
    String key = DaglineTopics.partitionKey(demand.getJobId(), demand.getPartition());
    PartitionClaim claim = site.getClaims().get(key);
    if (demand.getDone()) {
      if (site.getClaims().remove(key) != null) {
        regrant(site);
      }
      return;
    }
    // Claims are served in the order their demand started (a sequence: clocks of instances differ).
    if (claim == null) {
      claim = new PartitionClaim(0, 0, demand.getPool(), nextSequence(site));
      site.getClaims().put(key, claim);
    } else if (claim.getDemand() == 0 && demand.getDemand() > 0) {
      claim.setSince(nextSequence(site));
    }
    claim.setDemand(demand.getDemand());
    claim.setPool(demand.getPool());
    regrant(site);
  }

  public void onHeartbeat(ExecutorHeartbeat heartbeat) {
    SiteRecord site = siteOf(heartbeat.getSite());
    if (heartbeat.getStopping()) {
      ExecutorSlots gone = site.getExecutors().remove(heartbeat.getExecutorId());
      if (gone != null) {
        // Attempts still running when an executor stops were interrupted and will never be reported.
        long now = clock.getAsLong();
        for (TaskAttempt attempt : heartbeat.getRunning()) {
          lost.accept(new AttemptLost(attempt, heartbeat.getExecutorId(), site.getSite(), now, now,
              "it stopped while running the attempt"));
        }
      }
    } else {
      site.getExecutors().put(heartbeat.getExecutorId(),
          new ExecutorSlots(heartbeat.getSlots(), heartbeat.getSpeed(), clock.getAsLong(),
              new ArrayList<>(heartbeat.getRunning())));
    }
    regrant(site);
  }

  private static long nextSequence(SiteRecord site) {
    long sequence = site.getNextSequence();
    site.setNextSequence(sequence + 1);
    return sequence;
  }

  /** An attempt failed on an executor: counted towards excluding it. */
  public void onAttemptFailed(SlotReleased released) {
    if (released.getFailedOn() == null || !exclusion.enabled()) {
      return;
    }
    SiteRecord site = siteOf(released.getSite());
    countFailure(site, released.getFailedOn(), taskKey(released.getAttempt()));
    regrant(site);
  }

  /** An executor on which {@code maxFailedTasksPerExecutor} distinct tasks failed within the window is excluded. */
  private void countFailure(SiteRecord site, String executorId, String taskKey) {
    long now = clock.getAsLong();
    var failures = site.getFailures().computeIfAbsent(executorId,
        id -> new io.dagline.schemas.state.ExecutorFailures(new HashMap<>(), null));
    failures.getFailedTasks().put(taskKey, now);
    failures.getFailedTasks().values().removeIf(at -> at < now - exclusion.failureWindow().toMillis());
    if (failures.getFailedTasks().size() >= exclusion.maxFailedTasksPerExecutor() && !isExcluded(site, executorId, now)) {
      failures.setExcludedUntil(now + exclusion.executorExclusion().toMillis());
      LOG.warn("executor {} at site {} excluded for {}: {} tasks failed on it within {}", executorId, site.getSite(),
          exclusion.executorExclusion(), failures.getFailedTasks().size(), exclusion.failureWindow());
    }
  }

  /**
   * Declares executors silent for longer than the executor timeout lost: their slots no longer count
   * and their running attempts are failed in their partitions. Also ends exclusions whose time is up.
   */
  public void expireSilentExecutors() {
    long now = clock.getAsLong();
    if (lastCheckAt > 0 && now - lastCheckAt > Math.max(executorTimeoutMs / 2, 2 * CHECK_INTERVAL.toMillis())) {
      // This thread did not run for a while (a GC pause, an overloaded host): the silence may be ours.
      noExecutorLostBefore = Math.max(noExecutorLostBefore, now + executorTimeoutMs);
    }
    lastCheckAt = now;
    List<SiteRecord> changed = new ArrayList<>();
    long deadline = now - executorTimeoutMs;
    try (var all = sites.all()) {
      while (all.hasNext()) {
        SiteRecord site = all.next().value;
        boolean siteChanged = false;
        if (now >= noExecutorLostBefore) {
          var executors = site.getExecutors().entrySet().iterator();
          while (executors.hasNext()) {
            Map.Entry<String, ExecutorSlots> executor = executors.next();
            if (executor.getValue().getLastSeenAt() < deadline) {
              executors.remove();
              siteChanged = true;
              LOG.warn("executor {} at site {} lost: no heartbeat for {} ms; failing its {} running attempts",
                  executor.getKey(), site.getSite(), now - executor.getValue().getLastSeenAt(),
                  executor.getValue().getRunning().size());
              for (TaskAttempt attempt : executor.getValue().getRunning()) {
                lost.accept(new AttemptLost(attempt, executor.getKey(), site.getSite(),
                    executor.getValue().getLastSeenAt(), now,
                    "no heartbeat for " + (now - executor.getValue().getLastSeenAt()) + " ms"));
              }
            }
          }
        }
        siteChanged |= site.getFailures().values().removeIf(failures -> {
          if (failures.getExcludedUntil() != null && failures.getExcludedUntil() <= now) {
            failures.setExcludedUntil(null);
            failures.getFailedTasks().clear();
          }
          failures.getFailedTasks().values().removeIf(at -> at < now - exclusion.failureWindow().toMillis());
          return failures.getExcludedUntil() == null && failures.getFailedTasks().isEmpty();
        });
        if (siteChanged) {
          changed.add(site);
        }
      }
    }
    changed.forEach(this::regrant);
  }

  /**
   * Divides the site's credits again and tells each partition whose grant changed; all of them when
   * the live or excluded executors changed. A partition whose demand ended and that holds nothing is
   * forgotten.
   */
  private void regrant(SiteRecord site) {
    long now = clock.getAsLong();
    TreeSet<String> excluded = excludedExecutors(site, now);
    List<String> live = List.copyOf(new TreeSet<>(site.getExecutors().keySet()));
    List<String> exclusions = List.copyOf(excluded);
    boolean executorsChanged = !live.equals(site.getGrantedExecutors()) || !exclusions.equals(site.getGrantedExclusions());
    int capacity = capacity(site, excluded) * pipelining;
    List<CreditDivision.Claim> claims = new ArrayList<>(site.getClaims().size());
    site.getClaims().forEach((key, claim) ->
        claims.add(new CreditDivision.Claim(key, claim.getPool(), claim.getDemand(), claim.getGranted(), claim.getSince())));
    Map<String, Integer> divided = CreditDivision.divide(capacity, claims, pools);
    var entries = site.getClaims().entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, PartitionClaim> entry = entries.next();
      PartitionClaim claim = entry.getValue();
      int credits = divided.getOrDefault(entry.getKey(), 0);
      if (credits != claim.getGranted() || (executorsChanged && (credits > 0 || claim.getDemand() > 0))) {
        int slash = entry.getKey().lastIndexOf('/');
        grants.accept(new CreditsGranted(entry.getKey().substring(0, slash),
            Integer.parseInt(entry.getKey().substring(slash + 1)), site.getSite(), credits, live, exclusions, now));
        claim.setGranted(credits);
      }
      if (claim.getDemand() == 0 && claim.getGranted() == 0) {
        entries.remove();
      }
    }
    site.setGrantedExecutors(live);
    site.setGrantedExclusions(exclusions);
    save(site);
  }

  private TreeSet<String> excludedExecutors(SiteRecord site, long now) {
    TreeSet<String> excluded = new TreeSet<>();
    if (exclusion.enabled()) {
      site.getFailures().forEach((executor, failures) -> {
        if (isExcluded(site, executor, now)) {
          excluded.add(executor);
        }
      });
    }
    return excluded;
  }

  private static boolean isExcluded(SiteRecord site, String executorId, long now) {
    var failures = site.getFailures().get(executorId);
    return failures != null && failures.getExcludedUntil() != null && failures.getExcludedUntil() > now;
  }

  /** Slots of the live executors not excluded; of all live ones if every one is excluded. */
  private static int capacity(SiteRecord site, TreeSet<String> excluded) {
    int slots = 0;
    int all = 0;
    for (Map.Entry<String, ExecutorSlots> executor : site.getExecutors().entrySet()) {
      all += executor.getValue().getSlots();
      if (!excluded.contains(executor.getKey())) {
        slots += executor.getValue().getSlots();
      }
    }
    return slots > 0 ? slots : all;
  }

  private SiteRecord siteOf(String name) {
    SiteRecord site = sites.get(name);
    if (site == null) {
      site = SiteRecord.newBuilder().setSite(name).setExecutors(new HashMap<>()).setFailures(new HashMap<>())
          .setClaims(new HashMap<>()).build();
    }
    return site;
  }

  /** The site's claims and grants as they stand, for the gauges: total demand and total credits granted. */
  public int[] demandAndGranted(String siteName) {
    SiteRecord site = sites.get(siteName);
    int demand = 0;
    int granted = 0;
    if (site != null) {
      for (PartitionClaim claim : site.getClaims().values()) {
        demand += claim.getDemand();
        granted += claim.getGranted();
      }
    }
    return new int[] {demand, granted};
  }

  private void save(SiteRecord site) {
    sites.put(site.getSite(), site);
  }

  static String taskKey(TaskAttempt attempt) {
    return attempt.getJobId() + "/" + attempt.getPartition() + "/" + attempt.getTaskId();
  }
}
