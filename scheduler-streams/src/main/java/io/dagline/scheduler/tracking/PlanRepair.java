package io.dagline.scheduler.tracking;

import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.TaskRecord;
import io.dagline.scheduler.dispatch.PartitionDispatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A planned job's plan repairs itself live (decision 0029), as {@link io.dagline.core.policy.HeftPolicy} does in
 * the simulator: a task's first attempt that is well behind the plan's start for it while its planned site is full
 * goes to another site of the planning platform where it finishes sooner by the estimates, if that site has a slot
 * free now and the partition a free credit there. It is looked at when it becomes ready and, while it waits in the
 * partition's queue (where {@link PartitionDispatcher} keeps a repairing plan's attempts once its site's slots are
 * taken), when it falls behind and every {@link #RECHECK_MS} after. With exact estimates a plan's tasks start when
 * planned and nothing moves; when runtimes are off, a task stuck behind slow ones at its site takes a slot another
 * site leaves idle.
 *
 * <p>What a site has free is counted from this partition's own attempts there (running ones by their start and
 * estimate, dispatched ones by their estimate) and the platform's slots: what other partitions run there is not
 * seen, so the partition's free credit there is the other half of the check.
 */
final class PlanRepair {

  private static final Logger LOG = LoggerFactory.getLogger(PlanRepair.class);
  /**
   * How late past its planned start a queued attempt must be before it may move: the live scheduler lags its plan
   * by its dispatch hops (LiveReplayIT: under 1 % of the makespan), and that lag alone must not move anything.
   */
  static final long GRACE_MS = 1_000;
  static final long RECHECK_MS = 500;

  private final Platform platform;
  /** The platform's sites by name: looked up for every task of a partition whose load is counted. */
  private final Map<String, Site> sitesByName = new HashMap<>();
  private final TaskStore tasks;
  private final TimerStore timers;
  private final PartitionDispatcher dispatcher;
  private final TaskInputs inputs;
  private final AttemptRules rules;
  private final long defaultRuntimeMs;
  private final LongSupplier clock;

  /** @param platform the planning platform's sites, slots and speeds; {@code null}: no job is planned, nothing moves */
  PlanRepair(Platform platform, TaskStore tasks, TimerStore timers, PartitionDispatcher dispatcher, TaskInputs inputs,
      AttemptRules rules, long defaultRuntimeMs, LongSupplier clock) {
    this.platform = platform;
    if (platform != null) {
      platform.sites().forEach(site -> sitesByName.put(site.name(), site));
    }
    this.tasks = tasks;
    this.timers = timers;
    this.dispatcher = dispatcher;
    this.inputs = inputs;
    this.rules = rules;
    this.defaultRuntimeMs = defaultRuntimeMs;
    this.clock = clock;
  }

  /**
   * When the task's first attempt is behind its plan: its planned start, counted from the plan's origin here, plus
   * the grace and 5 % of the planned start for the lag the live scheduler gathers over a job.
   */
  static long behindPlanAt(PartitionRecord partition, TaskRecord task) {
    long plannedStartMs = task.getPlannedStartMs();
    return partition.getPlanOriginAt() + plannedStartMs + GRACE_MS + plannedStartMs / 20;
  }

  /**
   * A task started: the first planned one moves the plan's origin to its start less its planned start, so that
   * the time the job took to reach its first executor is not counted as being behind the plan.
   */
  void started(PartitionRecord partition, TaskRecord task) {
    if (task.getPlannedStartMs() == null || partition.getPlanOriginAt() == null || partition.getPlanOriginFromStart()) {
      return;
    }
    partition.setPlanOriginAt(Math.max(partition.getPlanOriginAt(), clock.getAsLong() - task.getPlannedStartMs()));
    partition.setPlanOriginFromStart(true);
  }

  /** The task's attempt became ready: a planned first attempt left queued is looked at when it falls behind. */
  void watch(PartitionRecord partition, TaskRecord task) {
    if (watches(partition, task) && dispatcher.isQueued(partition, task, rules.queueSite(task))) {
      timers.schedule(Math.max(clock.getAsLong(), behindPlanAt(partition, task)), partition.getJobId(),
          partition.getPartition(), task.getDefinition().getId(), task.getAttempt());
    }
  }

  boolean watches(PartitionRecord partition, TaskRecord task) {
    return platform != null && task.getState() == TaskState.READY && task.getAttempt() == 1
        && task.getPlannedStartMs() != null && partition.getPlanOriginAt() != null;
  }

  /**
   * The task's first attempt just became ready already behind its plan, and its planned site has no slot free by
   * this partition's count (a credit there may still be free: credits outnumber slots so that executors have the
   * next attempt at hand, and an attempt sent there would wait behind the site's others): it goes instead where it
   * finishes sooner, if a site has a slot free now. Sets the attempt's site; the caller dispatches it.
   */
  void placeIfBehindPlan(PartitionRecord partition, TaskRecord task, long now) {
    if (!watches(partition, task) || now < behindPlanAt(partition, task)) {
      return;
    }
    String from = rules.queueSite(task);
    if (task.getDefinition().getRuntimeEstimateMs() == null || !knows(from)) {
      return;
    }
    Map<String, SiteLoad> sites = loadsOf(partition, now, task.getDefinition().getId());
    if (loadAt(sites, from).firstFreeInMs() <= 0) {
      return;
    }
    Site to = fasterSite(partition, task, from, sites);
    if (to != null) {
      moveTo(partition, task, from, to);
    }
  }

  /**
   * The task's attempt, queued in the partition for a credit at its site, is behind its plan: it moves if another
   * site finishes it sooner now, else it is looked at again later. {@code loads}: each partition's sites as counted
   * for this round of timers. Answers whether it moved (only then did the partition change).
   */
  boolean behindPlan(PartitionRecord partition, TaskRecord task, long now, Map<String, Map<String, SiteLoad>> loads) {
    String from = rules.queueSite(task);
    if (task.getDefinition().getRuntimeEstimateMs() == null || !dispatcher.isQueued(partition, task, from)
        || !knows(from)) {
      return false;
    }
    if (now < behindPlanAt(partition, task)) {
      // The plan's origin moved when the partition's first planned attempt started.
      timers.schedule(behindPlanAt(partition, task), partition.getJobId(), partition.getPartition(),
          task.getDefinition().getId(), task.getAttempt());
      return false;
    }
    Map<String, SiteLoad> sites = loads.computeIfAbsent(partition.getJobId() + "/" + partition.getPartition(),
        key -> loadsOf(partition, now, null));
    Site to = fasterSite(partition, task, from, sites);
    if (to == null) {
      timers.schedule(now + RECHECK_MS, partition.getJobId(), partition.getPartition(), task.getDefinition().getId(),
          task.getAttempt());
      return false;
    }
    moveTo(partition, task, from, to);
    tasks.put(partition.getJobId(), partition.getPartition(), task);
    dispatcher.move(partition, task, from, to.name(), inputs.of(partition, task).inputs());
    loadAt(sites, to.name()).add(task.getDefinition().getRuntimeEstimateMs() / to.speed());
    return true;
  }

  /**
   * The site other than {@code from} where the task finishes first by the estimates, if sooner than it would at
   * {@code from} once a slot frees there, among those with a slot free now and a free credit of the partition.
   */
  private Site fasterSite(PartitionRecord partition, TaskRecord task, String from, Map<String, SiteLoad> sites) {
    long estimateMs = task.getDefinition().getRuntimeEstimateMs();
    double bestFinishMs = loadAt(sites, from).firstFreeInMs() + estimateMs / sitesByName.get(from).speed();
    Site best = null;
    for (Site site : platform.sites()) {
      if (site.name().equals(from) || site.slots() <= 0 || dispatcher.freeCredits(partition, site.name()) <= 0
          || loadAt(sites, site.name()).firstFreeInMs() > 0) {
        continue;
      }
      double finishMs = estimateMs / site.speed();
      if (finishMs < bestFinishMs) {
        best = site;
        bestFinishMs = finishMs;
      }
    }
    return best;
  }

  private void moveTo(PartitionRecord partition, TaskRecord task, String from, Site to) {
    LOG.info("task {} of job {} is behind its plan and its site {} is full: moved to {}, where it finishes sooner "
        + "by the estimates", task.getDefinition().getId(), partition.getJobId(), from, to.name());
    task.setPlannedStartMs(null);
    task.setAttemptSite(to.name());
  }

  private SiteLoad loadAt(Map<String, SiteLoad> sites, String site) {
    return sites.computeIfAbsent(site, name -> SiteLoad.idle(sitesByName.get(name).slots()));
  }

  private boolean knows(String site) {
    return sitesByName.containsKey(site);
  }

  /**
   * The partition's attempts at each site of the platform, but {@code leftOut}'s: what each still has to run, in ms
   * from now.
   */
  private Map<String, SiteLoad> loadsOf(PartitionRecord partition, long now, String leftOut) {
    Map<String, List<Double>> running = new HashMap<>();
    Map<String, List<Double>> waiting = new HashMap<>();
    tasks.forEachInPartition(partition.getJobId(), partition.getPartition(), task -> {
      if (task.getDefinition().getId().equals(leftOut)) {
        return;
      }
      String site = task.getState() == TaskState.RUNNING && task.getSite() != null ? task.getSite()
          : rules.queueSite(task);
      if (!knows(site)) {
        return;
      }
      double runMs = runtimeMs(task) / sitesByName.get(site).speed();
      if (task.getState() == TaskState.RUNNING) {
        long ran = task.getStartedAt() == null ? 0 : Math.max(0, now - task.getStartedAt());
        running.computeIfAbsent(site, key -> new ArrayList<>()).add(Math.max(0, runMs - ran));
      } else if (task.getState() == TaskState.READY && !dispatcher.isQueued(partition, task, site)) {
        waiting.computeIfAbsent(site, key -> new ArrayList<>()).add(runMs);
      }
    });
    Map<String, SiteLoad> loads = new HashMap<>();
    for (Site site : platform.sites()) {
      SiteLoad load = SiteLoad.idle(site.slots());
      running.getOrDefault(site.name(), List.of()).forEach(load::add);
      waiting.getOrDefault(site.name(), List.of()).forEach(load::add);
      loads.put(site.name(), load);
    }
    return loads;
  }

  private long runtimeMs(TaskRecord task) {
    Long estimate = task.getDefinition().getRuntimeEstimateMs();
    return estimate != null ? estimate : defaultRuntimeMs;
  }

  /** A site's slots, each by when it is free (ms from now) once the attempts added so far have run, in order. */
  static final class SiteLoad {
    private final PriorityQueue<Double> freeInMs = new PriorityQueue<>();

    static SiteLoad idle(int slots) {
      SiteLoad load = new SiteLoad();
      for (int i = 0; i < slots; i++) {
        load.freeInMs.add(0.0);
      }
      return load;
    }

    /** An attempt of {@code runMs} takes the slot free first. */
    void add(double runMs) {
      if (!freeInMs.isEmpty()) {
        freeInMs.add(freeInMs.poll() + runMs);
      }
    }

    /** When its first slot is free, in ms from now; infinite for a site without slots. */
    double firstFreeInMs() {
      return freeInMs.isEmpty() ? Double.POSITIVE_INFINITY : freeInMs.peek();
    }
  }
}
