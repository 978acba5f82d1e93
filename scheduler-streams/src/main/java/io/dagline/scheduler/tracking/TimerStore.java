package io.dagline.scheduler.tracking;

import io.dagline.scheduler.StoreKeys;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Level-1 timers: a task waiting for its next attempt, or a running attempt's deadline. Keyed
 * {@code dueAt/jobId/partition/taskId} with {@code dueAt} zero-padded, so the store's order is the
 * order of due times and finding what is due reads only what is due. The value is the attempt the
 * timer was set for: a timer that outlived its attempt is recognised and ignored.
 */
public final class TimerStore {

  /** One due timer. */
  public record Due(String key, long dueAt, String jobId, int partition, String taskId, int attempt) {}

  private static final String FIRST = "0".repeat(19);

  private final KeyValueStore<String, Long> store;

  public TimerStore(KeyValueStore<String, Long> store) {
    this.store = store;
  }

  public void schedule(long dueAt, String jobId, int partition, String taskId, int attempt) {
    store.put(key(dueAt, jobId, partition, taskId), (long) attempt);
  }

  public void cancel(long dueAt, String jobId, int partition, String taskId) {
    store.delete(key(dueAt, jobId, partition, taskId));
  }

  /** Removes and returns every timer due at or before {@code now}, earliest first. */
  public List<Due> takeDue(long now) {
    List<Due> due = new ArrayList<>();
    try (var timers = store.range(FIRST, padded(now) + "/\uffff")) {
      while (timers.hasNext()) {
        KeyValue<String, Long> entry = timers.next();
        String[] parts = entry.key.split("/", 4);
        long dueAt = Long.parseLong(parts[0]);
        if (dueAt > now) {
          break;
        }
        due.add(new Due(entry.key, dueAt, parts[1], Integer.parseInt(parts[2]), parts[3], entry.value.intValue()));
      }
    }
    due.forEach(timer -> store.delete(timer.key()));
    return due;
  }

  static String key(long dueAt, String jobId, int partition, String taskId) {
    return padded(dueAt) + "/" + jobId + "/" + partition + "/" + taskId;
  }

  /** Zero-padded to 19 digits, so keys sort by time. */
  private static String padded(long millis) {
    return StoreKeys.padded(millis, 19);
  }
}
