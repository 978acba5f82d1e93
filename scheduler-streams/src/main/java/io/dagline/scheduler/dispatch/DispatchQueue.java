package io.dagline.scheduler.dispatch;

import io.dagline.schemas.TaskReady;
import io.dagline.scheduler.StoreKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A graph partition's ready attempts waiting for a dispatch credit, one queue per site. Keyed
 * {@code jobId/partition/site/rank/readyAt/taskId}, with the rank inverted and both numbers
 * zero-padded, so the store's order is the dispatch order: highest priority first, then the earliest
 * ready. Every part of the key is in the task's own record, so whether a task is queued is a point
 * lookup.
 */
final class DispatchQueue {

  /** Priorities (upward ranks in milliseconds) are capped at about 31 years of work. */
  private static final long MAX_PRIORITY = 999_999_999_999_999L;

  private final KeyValueStore<String, TaskReady> store;
  /**
   * Per queue, a key no queued key sorts before: the queue is consumed from its head with deletes, and
   * a scan from the prefix would step over the tombstones of everything dispatched since the last
   * compaction. Only a hint, held in memory: after a restart the first scan starts from the prefix.
   */
  private final Map<String, String> heads = new HashMap<>();

  DispatchQueue(KeyValueStore<String, TaskReady> store) {
    this.store = store;
  }

  void add(TaskReady ready) {
    String key = key(ready);
    store.put(key, ready);
    String prefix = prefix(ready.getAttempt().getJobId(), ready.getAttempt().getPartition(), ready.getSite());
    heads.computeIfPresent(prefix, (queue, head) -> key.compareTo(head) < 0 ? key : head);
  }

  /** Takes the attempt out of the queue; answers whether it was there. */
  boolean remove(String jobId, int partition, String site, double priority, long readyAt, String taskId) {
    if (!isQueued(jobId, partition, site, priority, readyAt, taskId)) {
      return false;
    }
    store.delete(key(jobId, partition, site, priority, readyAt, taskId));
    return true;
  }

  boolean isQueued(String jobId, int partition, String site, double priority, long readyAt, String taskId) {
    return store.get(key(jobId, partition, site, priority, readyAt, taskId)) != null;
  }

  /** Takes up to {@code count} attempts from the head of the site's queue, in dispatch order. */
  List<TaskReady> take(String jobId, int partition, String site, int count) {
    List<TaskReady> taken = new ArrayList<>(count);
    List<String> keys = new ArrayList<>(count);
    String prefix = prefix(jobId, partition, site);
    try (var head = store.range(heads.getOrDefault(prefix, prefix), prefix + "\uffff")) {
      while (taken.size() < count && head.hasNext()) {
        KeyValue<String, TaskReady> entry = head.next();
        taken.add(entry.value);
        keys.add(entry.key);
      }
    }
    keys.forEach(store::delete);
    if (!keys.isEmpty()) {
      heads.put(prefix, keys.get(keys.size() - 1));
    }
    return taken;
  }

  private static String key(TaskReady ready) {
    return key(ready.getAttempt().getJobId(), ready.getAttempt().getPartition(), ready.getSite(), ready.getPriority(),
        ready.getReadyAt(), ready.getAttempt().getTaskId());
  }

  static String key(String jobId, int partition, String site, double priority, long readyAt, String taskId) {
    long rank = Math.max(0, Math.min(MAX_PRIORITY, Math.round(priority)));
    return prefix(jobId, partition, site) + StoreKeys.padded(MAX_PRIORITY - rank, 15) + "/"
        + StoreKeys.padded(readyAt, 19) + "/" + taskId;
  }

  private static String prefix(String jobId, int partition, String site) {
    return jobId + "/" + partition + "/" + site + "/";
  }

}
