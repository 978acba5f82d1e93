package io.dagline.scheduler.dispatch;

import io.dagline.schemas.CreditsGranted;
import io.dagline.schemas.PartitionDemand;
import io.dagline.schemas.SlotReleased;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskDefinition;
import io.dagline.schemas.TaskDispatched;
import io.dagline.schemas.TaskOutput;
import io.dagline.schemas.TaskReady;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.SiteCredits;
import io.dagline.schemas.state.TaskRecord;
import io.dagline.scheduler.metrics.SchedulerMetrics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Dispatches a graph partition's ready attempts itself, in the processing step that made them ready,
 * within the dispatch credits the site coordinator granted the partition at each site (decision 0017).
 * A ready attempt goes to its site's executors at once when the partition holds a free credit there
 * and nothing of higher priority is queued; otherwise it waits in the partition's queue. An ended
 * attempt gives its credit back to the partition at once, and the queue is drained at the end of the
 * event. The partition tells the coordinator its demand (queued plus in flight) only when it starts,
 * ends, or changes by half or more, so the coordinator stays off the path of each task.
 */
public final class PartitionDispatcher {

  private final DispatchQueue queue;
  private final DispatchChannel channel;
  private final Consumer<PartitionDemand> demands;
  private final Consumer<SlotReleased> failures;
  private final boolean exclusionEnabled;
  private final SchedulerMetrics metrics;
  private final LongSupplier clock;
  /** The planning platform's slots by site: a repairing plan's attempts in flight at a site, at most (decision 0029). */
  private final Map<String, Integer> plannedSlots;
  /** Sites whose credits the current event changed: drained and reported once, at its end. */
  private final Set<String> touched = new LinkedHashSet<>();

  public PartitionDispatcher(KeyValueStore<String, TaskReady> queue, DispatchChannel channel,
      Consumer<PartitionDemand> demands, Consumer<SlotReleased> failures, boolean exclusionEnabled,
      SchedulerMetrics metrics, LongSupplier clock, Map<String, Integer> plannedSlots) {
    this.plannedSlots = Map.copyOf(plannedSlots);
    this.queue = new DispatchQueue(queue);
    this.channel = channel;
    this.demands = demands;
    this.failures = failures;
    this.exclusionEnabled = exclusionEnabled;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * The task's current attempt is ready to run at {@code site} (its {@code readyAt} set), with what its
   * dependencies produced.
   */
  public void ready(PartitionRecord partition, TaskRecord task, String site, Map<String, TaskOutput> inputs) {
    SiteCredits credits = creditsAt(partition, site);
    TaskReady ready = readyOf(partition, task, site, inputs);
    touched.add(site);
    if (credits.getQueued() == 0 && credits.getInFlight() < usable(partition, site, credits) && !partition.getStopped()) {
      dispatch(credits, ready);
    } else {
      queue.add(ready);
      credits.setQueued(credits.getQueued() + 1);
    }
  }

  /**
   * The task's current attempt ended, or will not run (its job stopped): out of the queue if it waits
   * there, else its credit comes back. {@code failedOn}: the executor it failed on, when that counts
   * towards excluding the executor.
   */
  public void attemptEnded(PartitionRecord partition, TaskRecord task, String site, String failedOn) {
    SiteCredits credits = creditsAt(partition, site);
    touched.add(site);
    TaskAttempt attempt = attemptOf(partition, task);
    if (!unqueue(partition, task, site)) {
      credits.setInFlight(Math.max(0, credits.getInFlight() - 1));
    }
    if (failedOn != null) {
      failures.accept(new SlotReleased(attempt, site, failedOn));
    }
  }

  /**
   * The task's queued attempt goes from {@code from}'s queue to {@code to}'s, or straight to its executors when
   * the partition has a free credit there (plan repair, decision 0029). The caller has set its attempt site.
   */
  public void move(PartitionRecord partition, TaskRecord task, String from, String to,
      Map<String, TaskOutput> inputs) {
    if (unqueue(partition, task, from)) {
      touched.add(from);
      ready(partition, task, to, inputs);
    }
  }

  /** Takes the task's attempt out of the site's queue, if it waits there; answers whether it did. */
  private boolean unqueue(PartitionRecord partition, TaskRecord task, String site) {
    if (task.getReadyAt() == null || !queue.remove(partition.getJobId(), partition.getPartition(), site,
        task.getPriority(), task.getReadyAt(), task.getDefinition().getId())) {
      return false;
    }
    SiteCredits credits = creditsAt(partition, site);
    credits.setQueued(Math.max(0, credits.getQueued() - 1));
    return true;
  }

  /** Whether the task's current attempt waits in the partition's queue at the site for a credit. */
  public boolean isQueued(PartitionRecord partition, TaskRecord task, String site) {
    return task.getReadyAt() != null && queue.isQueued(partition.getJobId(), partition.getPartition(), site,
        task.getPriority(), task.getReadyAt(), task.getDefinition().getId());
  }

  /** Credits the partition holds at the site and nothing of its own waits for: what it could dispatch there now. */
  public int freeCredits(PartitionRecord partition, String site) {
    SiteCredits credits = partition.getCredits().get(site);
    if (credits == null || credits.getQueued() > 0 || partition.getStopped()) {
      return 0;
    }
    return Math.max(0, usable(partition, site, credits) - credits.getInFlight());
  }

  /**
   * How many of the partition's attempts may be in flight at the site: its grant; for a plan that repairs itself,
   * no more than the site's slots, so that an attempt waits where it can still move (in the partition's queue,
   * not at a full site's executors) and a slot takes the plan's next attempt by priority, as in the simulator.
   */
  private int usable(PartitionRecord partition, String site, SiteCredits credits) {
    Integer slots = partition.getPlanOriginAt() == null ? null : plannedSlots.get(site);
    return slots == null ? credits.getGranted() : Math.min(credits.getGranted(), slots);
  }

  /** The coordinator's new grant at a site; its lists of live and excluded executors apply from now on. */
  public void granted(PartitionRecord partition, CreditsGranted grant) {
    SiteCredits credits = creditsAt(partition, grant.getSite());
    credits.setGranted(grant.getCredits());
    credits.setLiveExecutors(new ArrayList<>(grant.getLiveExecutors()));
    credits.setExcludedExecutors(new ArrayList<>(grant.getExcludedExecutors()));
    touched.add(grant.getSite());
  }

  /**
   * At the end of an event: fills the free credits of every site the event touched from the queue, and
   * tells the coordinator of a demand that started, ended or changed by half or more; of a partition
   * {@code done} (every task over, or stopped), that it can forget it.
   */
  public void eventEnded(PartitionRecord partition, boolean done) {
    if (done) {
      touched.addAll(partition.getCredits().keySet()); // a grant held while idle goes back too
    }
    for (String site : touched) {
      SiteCredits credits = creditsAt(partition, site);
      int free = usable(partition, site, credits) - credits.getInFlight();
      if (partition.getStopped()) {
        // Nothing more runs: the queue empties (attemptEnded took each attempt out) and the demand ends.
        credits.setQueued(0);
      } else if (free > 0 && credits.getQueued() > 0) {
        List<TaskReady> next = queue.take(partition.getJobId(), partition.getPartition(), site,
            Math.min(free, credits.getQueued()));
        credits.setQueued(credits.getQueued() - next.size());
        next.forEach(ready -> dispatch(credits, ready));
      }
      if (done) {
        release(partition, site, credits);
      } else {
        reportDemand(partition, site, credits);
      }
    }
    touched.clear();
  }

  /**
   * After a restore, when dispatches reach executors before the commit: a dispatched attempt that had
   * not started may have been lost with the instance that sent it, so it is sent again (an executor
   * that already has it runs it twice at worst; reports are idempotent on task and attempt).
   */
  public void redispatchIfUnstarted(PartitionRecord partition, TaskRecord task, String site,
      Map<String, TaskOutput> inputs) {
    if (!channel.beforeCommit() || task.getReadyAt() == null || isQueued(partition, task, site)) {
      return;
    }
    channel.send(dispatchOf(creditsAt(partition, site), readyOf(partition, task, site, inputs), clock.getAsLong()));
  }

  public boolean dispatchesBeforeCommit() {
    return channel.beforeCommit();
  }

  private void dispatch(SiteCredits credits, TaskReady ready) {
    long now = clock.getAsLong();
    channel.send(dispatchOf(credits, ready, now));
    credits.setInFlight(credits.getInFlight() + 1);
    metrics.taskDispatched(ready.getSite(), now - ready.getReadyAt());
  }

  /** The partition will dispatch nothing more at the site: its grant goes back to the coordinator, once. */
  private void release(PartitionRecord partition, String site, SiteCredits credits) {
    if (credits.getGranted() > 0 || credits.getReportedDemand() > 0) {
      credits.setGranted(0);
      credits.setReportedDemand(0);
      demands.accept(new PartitionDemand(partition.getJobId(), partition.getPartition(), site, 0, partition.getPool(),
          clock.getAsLong(), true));
    }
  }

  private void reportDemand(PartitionRecord partition, String site, SiteCredits credits) {
    int demand = credits.getQueued() + credits.getInFlight();
    int reported = credits.getReportedDemand();
    boolean startedOrEnded = (reported == 0) != (demand == 0);
    boolean wantsMore = demand > credits.getGranted() && demand >= 2 * reported;
    boolean needsLess = demand < credits.getGranted() && 2 * demand <= reported;
    if (startedOrEnded || (demand != reported && (wantsMore || needsLess))) {
      credits.setReportedDemand(demand);
      demands.accept(new PartitionDemand(partition.getJobId(), partition.getPartition(), site, demand,
          partition.getPool(), clock.getAsLong(), false));
    }
  }

  private TaskReady readyOf(PartitionRecord partition, TaskRecord task, String site, Map<String, TaskOutput> inputs) {
    TaskDefinition definition = task.getDefinition();
    return TaskReady.newBuilder()
        .setAttempt(attemptOf(partition, task))
        .setFunction(definition.getFunction())
        .setArgs(definition.getArgs())
        .setTimeoutMs(definition.getTimeoutMs())
        .setPriority(task.getPriority())
        .setPool(definition.getPool())
        .setSite(site)
        .setCpu(definition.getCpu())
        .setMemoryMb(definition.getMemoryMb())
        .setReadyAt(task.getReadyAt())
        .setExcludedExecutors(exclusionEnabled ? List.copyOf(task.getExcludedExecutors()) : List.of())
        .setInputs(inputs)
        .build();
  }

  private static TaskDispatched dispatchOf(SiteCredits credits, TaskReady ready, long now) {
    return TaskDispatched.newBuilder()
        .setAttempt(ready.getAttempt())
        .setFunction(ready.getFunction())
        .setArgs(ready.getArgs())
        .setInputs(ready.getInputs())
        .setTimeoutMs(ready.getTimeoutMs())
        .setSite(ready.getSite())
        .setReadyAt(ready.getReadyAt())
        .setDispatchedAt(now)
        .setExcludedExecutors(excludedFor(credits, ready))
        .build();
  }

  /**
   * The executors that must not run this attempt: those excluded from the site and those on which the
   * task failed, as long as some live executor remains; else only the latter, if that leaves one;
   * else none, so that the attempt is not passed around the share group until it is dropped.
   */
  private static List<String> excludedFor(SiteCredits credits, TaskReady ready) {
    if (credits.getExcludedExecutors().isEmpty() && ready.getExcludedExecutors().isEmpty()) {
      return List.of();
    }
    TreeSet<String> all = new TreeSet<>(credits.getExcludedExecutors());
    all.addAll(ready.getExcludedExecutors());
    if (leavesALiveExecutor(credits, all)) {
      return List.copyOf(all);
    }
    if (leavesALiveExecutor(credits, ready.getExcludedExecutors())) {
      return List.copyOf(ready.getExcludedExecutors());
    }
    return List.of();
  }

  private static boolean leavesALiveExecutor(SiteCredits credits, Collection<String> excluded) {
    for (String executor : credits.getLiveExecutors()) {
      if (!excluded.contains(executor)) {
        return true;
      }
    }
    return false;
  }

  private static SiteCredits creditsAt(PartitionRecord partition, String site) {
    return partition.getCredits().computeIfAbsent(site, name -> SiteCredits.newBuilder().build());
  }

  private static TaskAttempt attemptOf(PartitionRecord partition, TaskRecord task) {
    return new TaskAttempt(partition.getJobId(), partition.getPartition(), task.getDefinition().getId(), task.getAttempt());
  }
}
