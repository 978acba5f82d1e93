package io.dagline.scheduler.tracking;

import io.dagline.schemas.TaskOutput;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.TaskRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What a task's dependencies produced, gathered when it becomes ready: a dependency in the same graph
 * partition is read from its task record, one in another partition from the upstream-results store,
 * where its {@code UpstreamCompleted} left it (once per upstream task and receiving partition, so a
 * join of many remote tasks costs one write each, not a rewrite of the join's record per dependency).
 * Only tasks marked {@code hasInputs} (a dependency produced something) are looked at, so a graph
 * whose tasks produce nothing pays nothing.
 */
public final class TaskInputs {

  /**
   * The most a task's inputs may total (inline values, UTF-8): they travel in its dispatch record. A task
   * over it fails without running; dependencies with large results should return references.
   */
  public static final int LIMIT_BYTES = 4 * 1024 * 1024;

  /** A task's inputs, or why it cannot have them. */
  public record Gathered(Map<String, TaskOutput> inputs, String problem) {}

  private final TaskStore tasks;
  private final KeyValueStore<String, TaskOutput> upstreamResults;

  public TaskInputs(TaskStore tasks, KeyValueStore<String, TaskOutput> upstreamResults) {
    this.tasks = tasks;
    this.upstreamResults = upstreamResults;
  }

  /** An upstream task of another partition produced {@code output} for this partition's successors. */
  public void upstreamProduced(String jobId, int partition, String upstreamTaskId, TaskOutput output) {
    upstreamResults.put(key(jobId, partition, upstreamTaskId), output);
  }

  public Gathered of(PartitionRecord partition, TaskRecord task) {
    if (!task.getHasInputs()) {
      return new Gathered(Map.of(), null);
    }
    Map<String, TaskOutput> inputs = new HashMap<>();
    long bytes = 0;
    for (String dependency : task.getDefinition().getDependencies()) {
      TaskOutput output = outputOf(partition, dependency);
      if (output != null) {
        inputs.put(dependency, output);
        bytes += output.getResult() == null ? 0 : output.getResult().getBytes(StandardCharsets.UTF_8).length;
      }
    }
    if (bytes > LIMIT_BYTES) {
      return new Gathered(Map.of(), "inputs total " + bytes + " bytes, over the limit of " + LIMIT_BYTES
          + " bytes: dependencies with large results should return references");
    }
    return new Gathered(inputs, null);
  }

  private TaskOutput outputOf(PartitionRecord partition, String dependency) {
    TaskRecord local = tasks.get(partition.getJobId(), partition.getPartition(), dependency);
    if (local != null) {
      return local.getOutput();
    }
    return upstreamResults.get(key(partition.getJobId(), partition.getPartition(), dependency));
  }

  private static String key(String jobId, int partition, String upstreamTaskId) {
    return jobId + "/" + partition + "/" + upstreamTaskId;
  }
}
