package io.dagline.scheduler.dispatch;

import io.dagline.schemas.AttemptLost;
import io.dagline.schemas.AttemptsWithdrawn;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.schemas.SlotReleased;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskDispatched;
import io.dagline.schemas.TaskReady;
import io.dagline.schemas.state.ExecutorSlots;
import io.dagline.schemas.state.SiteRecord;
import io.dagline.scheduler.ExclusionSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Level 2, keyed by site: keeps the site's ready queue and its executors' slots, and releases a
 * task to the site's executors only when a slot is free. The queue therefore stays here, where a
 * policy can reorder it, rather than in a Kafka topic. The order is by priority, then arrival: tasks of
 * pools planned at submission carry their upward rank, others 0 (so FIFO among them).
 *
 * <p>A {@code SlotReleased} for an attempt that is still queued (its job was cancelled or failed
 * before the attempt was dispatched) takes it out of the queue instead of freeing a slot; an index
 * from task to queue key makes that a point lookup.
 *
 * <p>Executors: one silent for longer than the executor timeout is lost. Its slots no longer count
 * and each attempt its last heartbeat reported running is sent to its level-1 partition as
 * {@link AttemptLost}. An executor on which too many distinct tasks failed within the failure window
 * is excluded for a while: its slots do not count and every dispatched record names it, so it
 * releases them. Each record also names the executors on which that task failed before. Exclusion
 * gives way when it would leave no live executor of the site to run the attempt.
 */
public final class SiteDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(SiteDispatcher.class);
  /** Priorities (upward ranks in milliseconds) are capped at about 31 years of work. */
  private static final long MAX_PRIORITY = 999_999_999_999_999L;
  /** How often {@link #expireSilentExecutors()} is meant to run. */
  public static final java.time.Duration CHECK_INTERVAL = java.time.Duration.ofSeconds(1);

  private final KeyValueStore<String, SiteRecord> sites;
  private final KeyValueStore<String, TaskReady> queue;
  private final KeyValueStore<String, String> queuedByTask;
  private final Consumer<TaskDispatched> dispatch;
  private final Consumer<AttemptLost> lost;
  private final long executorTimeoutMs;
  private final ExclusionSettings exclusion;
  private final LongSupplier clock;
  /**
   * Per site, a key no queued key of the site sorts before: the queue is consumed from its head with
   * deletes, and a scan from the site's prefix would step over the tombstones of everything dispatched
   * since the last compaction (most of the dispatcher's time in a profile). Only a hint, held in memory:
   * after a restart or a rebalance the first scan starts from the prefix again.
   */
  private final Map<String, String> headBySite = new HashMap<>();
  /**
   * No executor is declared lost before then: after this instance takes over the site, or after the
   * scheduler itself stalled, heartbeats written meanwhile may still be unread.
   */
  private long noExecutorLostBefore;
  private long lastCheckAt;

  public SiteDispatcher(KeyValueStore<String, SiteRecord> sites, KeyValueStore<String, TaskReady> queue,
      KeyValueStore<String, String> queuedByTask, Consumer<TaskDispatched> dispatch, Consumer<AttemptLost> lost,
      long executorTimeoutMs, ExclusionSettings exclusion, LongSupplier clock) {
    this.sites = sites;
    this.queue = queue;
    this.queuedByTask = queuedByTask;
    this.dispatch = dispatch;
    this.lost = lost;
    this.executorTimeoutMs = executorTimeoutMs;
    this.exclusion = exclusion;
    this.clock = clock;
    this.noExecutorLostBefore = clock.getAsLong() + executorTimeoutMs;
  }

  public void onTaskReady(TaskReady ready) {
    SiteRecord site = siteOf(ready.getSite());
    long sequence = site.getNextSequence();
    site.setNextSequence(sequence + 1);
    site.setQueued(site.getQueued() + 1);
    String key = queueKey(site.getSite(), ready.getPriority(), sequence);
    queue.put(key, ready);
    headBySite.computeIfPresent(site.getSite(), (name, head) -> key.compareTo(head) < 0 ? key : head);
    queuedByTask.put(taskKey(ready.getAttempt()), key);
    dispatchWhileSlotsFree(site);
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
    dispatchWhileSlotsFree(site);
  }

  public void onSlotReleased(SlotReleased released) {
    SiteRecord site = siteOf(released.getSite());
    withdraw(site, released.getAttempt());
    if (released.getFailedOn() != null && exclusion.enabled()) {
      countFailure(site, released.getFailedOn(), taskKey(released.getAttempt()));
    }
    dispatchWhileSlotsFree(site);
  }

  /** A stopped job's attempts: all leave before any freed slot is filled again. */
  public void onAttemptsWithdrawn(AttemptsWithdrawn withdrawn) {
    SiteRecord site = siteOf(withdrawn.getSite());
    withdrawn.getAttempts().forEach(attempt -> withdraw(site, attempt));
    dispatchWhileSlotsFree(site);
  }

  /** Takes a queued attempt out of the queue; for one already dispatched, counts its slot free. */
  private void withdraw(SiteRecord site, TaskAttempt attempt) {
    String taskKey = taskKey(attempt);
    String queued = queuedByTask.get(taskKey);
    TaskReady waiting = queued == null ? null : queue.get(queued);
    if (waiting != null && waiting.getAttempt().getAttempt() == attempt.getAttempt()) {
      queue.delete(queued);
      queuedByTask.delete(taskKey);
      site.setQueued(Math.max(0, site.getQueued() - 1));
    } else {
      site.setInFlight(Math.max(0, site.getInFlight() - 1));
    }
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
   * and their running attempts are failed at level 1. Also ends exclusions whose time is up.
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
    // Slots given back by a lost executor's attempts come as SlotReleased from level 1; freed capacity
    // from an ended exclusion is used here.
    changed.forEach(this::dispatchWhileSlotsFree);
  }

  private void dispatchWhileSlotsFree(SiteRecord site) {
    long now = clock.getAsLong();
    TreeSet<String> excludedExecutors = excludedExecutors(site, now);
    int free = capacity(site, excludedExecutors) - site.getInFlight();
    if (free > 0 && site.getQueued() > 0) {
      List<String> taken = new ArrayList<>(Math.min(free, site.getQueued()));
      String from = headBySite.getOrDefault(site.getSite(), site.getSite() + "/");
      try (var head = queue.range(from, site.getSite() + "/\uffff")) {
        while (taken.size() < free && head.hasNext()) {
          KeyValue<String, TaskReady> entry = head.next();
          TaskReady ready = entry.value;
          dispatch.accept(TaskDispatched.newBuilder()
              .setAttempt(ready.getAttempt())
              .setFunction(ready.getFunction())
              .setArgs(ready.getArgs())
              .setTimeoutMs(ready.getTimeoutMs())
              .setSite(site.getSite())
              .setReadyAt(ready.getReadyAt())
              .setDispatchedAt(now)
              .setExcludedExecutors(excludedFor(site, ready, excludedExecutors))
              .build());
          taken.add(entry.key);
          queuedByTask.delete(taskKey(ready.getAttempt()));
        }
      }
      taken.forEach(queue::delete);
      if (!taken.isEmpty()) {
        headBySite.put(site.getSite(), taken.get(taken.size() - 1));
      }
      site.setQueued(site.getQueued() - taken.size());
      site.setInFlight(site.getInFlight() + taken.size());
    }
    save(site);
  }

  /**
   * The executors that must not run this attempt: those excluded from the site and those on which the
   * task failed, as long as some live executor remains; else only the latter, if that leaves one;
   * else none, so that the attempt is not passed around the share group until it is dropped.
   */
  private static List<String> excludedFor(SiteRecord site, TaskReady ready, TreeSet<String> excludedExecutors) {
    TreeSet<String> all = new TreeSet<>(excludedExecutors);
    all.addAll(ready.getExcludedExecutors());
    if (leavesALiveExecutor(site, all)) {
      return List.copyOf(all);
    }
    if (leavesALiveExecutor(site, ready.getExcludedExecutors())) {
      return List.copyOf(ready.getExcludedExecutors());
    }
    return List.of();
  }

  private static boolean leavesALiveExecutor(SiteRecord site, java.util.Collection<String> excluded) {
    for (String executor : site.getExecutors().keySet()) {
      if (!excluded.contains(executor)) {
        return true;
      }
    }
    return false;
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
      site = SiteRecord.newBuilder().setSite(name).setExecutors(new HashMap<>()).setFailures(new HashMap<>()).build();
    }
    return site;
  }

  private void save(SiteRecord site) {
    sites.put(site.getSite(), site);
  }

  static String taskKey(TaskAttempt attempt) {
    return attempt.getJobId() + "/" + attempt.getPartition() + "/" + attempt.getTaskId();
  }

  /**
   * Orders the site's queue: highest priority first, then arrival. Tasks of planned pools carry their
   * upward rank; all others carry 0, so among them the queue is first come, first served.
   */
  static String queueKey(String site, double priority, long sequence) {
    long rank = Math.max(0, Math.min(MAX_PRIORITY, Math.round(priority)));
    return String.format("%s/%016d/%019d", site, MAX_PRIORITY - rank, sequence);
  }
}
