package io.dagline.scheduler.tracking;

import io.dagline.schemas.state.TaskRecord;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;

/** Level-1 task state, keyed {@code jobId/partition/taskId} so a partition's tasks are one prefix. */
public final class TaskStore {

  private static final StringSerializer KEYS = new StringSerializer();
  private final KeyValueStore<String, TaskRecord> store;

  public TaskStore(KeyValueStore<String, TaskRecord> store) {
    this.store = store;
  }

  public TaskRecord get(String jobId, int partition, String taskId) {
    return store.get(key(jobId, partition, taskId));
  }

  public void put(String jobId, int partition, TaskRecord task) {
    store.put(key(jobId, partition, task.getDefinition().getId()), task);
  }

  public void forEachInPartition(String jobId, int partition, Consumer<TaskRecord> action) {
    try (var tasks = store.prefixScan(jobId + "/" + partition + "/", KEYS)) {
      tasks.forEachRemaining(entry -> action.accept(entry.value));
    }
  }

  private static String key(String jobId, int partition, String taskId) {
    return jobId + "/" + partition + "/" + taskId;
  }
}
