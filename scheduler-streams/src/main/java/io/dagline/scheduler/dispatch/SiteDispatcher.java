package io.dagline.scheduler.dispatch;

import io.dagline.schemas.AttemptsWithdrawn;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.schemas.SlotReleased;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskDispatched;
import io.dagline.schemas.TaskReady;
import io.dagline.schemas.state.ExecutorSlots;
import io.dagline.schemas.state.SiteRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Level 2, keyed by site: keeps the site's ready queue and its executors' slots, and releases a
 * task to the site's executors only when a slot is free. The queue therefore stays here, where a
 * policy can reorder it, rather than in a Kafka topic. The order is by priority, then arrival: tasks of
 * pools planned at submission carry their upward rank, others 0 (so FIFO among them).
 *
 * <p>A {@code SlotReleased} for an attempt that is still queued (its job was cancelled or failed
 * before the attempt was dispatched) takes it out of the queue instead of freeing a slot; an index
 * from task to queue key makes that a point lookup.
 */
public final class SiteDispatcher {

  private static final StringSerializer KEYS = new StringSerializer();
  /** Priorities (upward ranks in milliseconds) are capped at about 31 years of work. */
  private static final long MAX_PRIORITY = 999_999_999_999_999L;

  private final KeyValueStore<String, SiteRecord> sites;
  private final KeyValueStore<String, TaskReady> queue;
  private final KeyValueStore<String, String> queuedByTask;
  private final Consumer<TaskDispatched> dispatch;
  private final long executorTimeoutMs;
  private final LongSupplier clock;

  public SiteDispatcher(KeyValueStore<String, SiteRecord> sites, KeyValueStore<String, TaskReady> queue,
      KeyValueStore<String, String> queuedByTask, Consumer<TaskDispatched> dispatch, long executorTimeoutMs,
      LongSupplier clock) {
    this.sites = sites;
    this.queue = queue;
    this.queuedByTask = queuedByTask;
    this.dispatch = dispatch;
    this.executorTimeoutMs = executorTimeoutMs;
    this.clock = clock;
  }

  public void onTaskReady(TaskReady ready) {
    SiteRecord site = siteOf(ready.getSite());
    long sequence = site.getNextSequence();
    site.setNextSequence(sequence + 1);
    site.setQueued(site.getQueued() + 1);
    String key = queueKey(site.getSite(), ready.getPriority(), sequence);
    queue.put(key, ready);
    queuedByTask.put(taskKey(ready.getAttempt()), key);
    dispatchWhileSlotsFree(site);
  }

  public void onHeartbeat(ExecutorHeartbeat heartbeat) {
    SiteRecord site = siteOf(heartbeat.getSite());
    if (heartbeat.getStopping()) {
      site.getExecutors().remove(heartbeat.getExecutorId());
    } else {
      site.getExecutors().put(heartbeat.getExecutorId(),
          new ExecutorSlots(heartbeat.getSlots(), heartbeat.getSpeed(), clock.getAsLong()));
    }
    dispatchWhileSlotsFree(site);
  }

  public void onSlotReleased(SlotReleased released) {
    SiteRecord site = siteOf(released.getSite());
    withdraw(site, released.getAttempt());
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

  /** Forgets executors that stopped heartbeating; their slots no longer count. */
  public void expireSilentExecutors() {
    List<SiteRecord> changed = new ArrayList<>();
    long deadline = clock.getAsLong() - executorTimeoutMs;
    try (var all = sites.all()) {
      while (all.hasNext()) {
        SiteRecord site = all.next().value;
        if (site.getExecutors().values().removeIf(executor -> executor.getLastSeenAt() < deadline)) {
          changed.add(site);
        }
      }
    }
    changed.forEach(this::save);
  }

  private void dispatchWhileSlotsFree(SiteRecord site) {
    int free = capacity(site) - site.getInFlight();
    if (free > 0 && site.getQueued() > 0) {
      List<String> taken = new ArrayList<>(Math.min(free, site.getQueued()));
      long now = clock.getAsLong();
      try (var head = queue.prefixScan(site.getSite() + "/", KEYS)) {
        while (taken.size() < free && head.hasNext()) {
          KeyValue<String, TaskReady> entry = head.next();
          TaskReady ready = entry.value;
          dispatch.accept(new TaskDispatched(ready.getAttempt(), ready.getFunction(), ready.getArgs(),
              ready.getTimeoutMs(), site.getSite(), ready.getReadyAt(), now));
          taken.add(entry.key);
          queuedByTask.delete(taskKey(ready.getAttempt()));
        }
      }
      taken.forEach(queue::delete);
      site.setQueued(site.getQueued() - taken.size());
      site.setInFlight(site.getInFlight() + taken.size());
    }
    save(site);
  }

  private static int capacity(SiteRecord site) {
    int slots = 0;
    for (ExecutorSlots executor : site.getExecutors().values()) {
      slots += executor.getSlots();
    }
    return slots;
  }

  private SiteRecord siteOf(String name) {
    SiteRecord site = sites.get(name);
    if (site == null) {
      site = new SiteRecord(name, 0L, 0, 0, new HashMap<>());
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
