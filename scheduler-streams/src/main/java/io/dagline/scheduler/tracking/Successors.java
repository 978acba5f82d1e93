package io.dagline.scheduler.tracking;

import io.dagline.schemas.TaskRef;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.UpstreamCompleted;
import io.dagline.schemas.UpstreamFailed;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.TaskRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * How a task's end reaches the tasks after it: successors in this graph partition are answered to the
 * caller (or skipped here), those in other partitions hear of it through the outbox, one event per
 * receiving partition.
 */
final class Successors {

  /** A task's successors: ids in this partition, and ids by the other partition that holds them. */
  private record Split(List<String> local, Map<Integer, List<String>> remote) {

    static Split of(PartitionRecord partition, TaskRecord task) {
      List<String> local = new ArrayList<>();
      Map<Integer, List<String>> remote = new TreeMap<>();
      for (TaskRef successor : task.getSuccessors()) {
        if (successor.getPartition() == partition.getPartition()) {
          local.add(successor.getTaskId());
        } else {
          remote.computeIfAbsent(successor.getPartition(), p -> new ArrayList<>()).add(successor.getTaskId());
        }
      }
      return new Split(local, remote);
    }
  }

  private final TaskStore tasks;
  private final PartitionOutbox outbox;
  private final LongSupplier clock;

  Successors(TaskStore tasks, PartitionOutbox outbox, LongSupplier clock) {
    this.tasks = tasks;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * The task succeeded: other partitions holding its successors hear of it, with what it produced.
   * Answers its successors in this partition.
   */
  List<String> completed(PartitionRecord partition, TaskRecord task) {
    Split split = Split.of(partition, task);
    split.remote().forEach((target, successors) -> outbox.upstreamCompleted(new UpstreamCompleted(
        partition.getJobId(), target, task.getDefinition().getId(), successors, task.getOutput())));
    return split.local();
  }

  /** The task failed for good: its descendants, here and in other partitions, are skipped. */
  void failed(PartitionRecord partition, TaskRecord task) {
    String taskId = task.getDefinition().getId();
    Split split = Split.of(partition, task);
    forwardSkip(partition, taskId, split);
    skip(partition, split.local(), taskId);
  }

  /** Skips the given tasks of this partition and, transitively, their descendants here and elsewhere. */
  void skip(PartitionRecord partition, List<String> taskIds, String upstreamTaskId) {
    Deque<String> toSkip = new ArrayDeque<>(taskIds);
    long now = clock.getAsLong();
    while (!toSkip.isEmpty()) {
      TaskRecord task = tasks.get(partition.getJobId(), partition.getPartition(), toSkip.poll());
      // Only a waiting task can be a descendant of a failed one; anything else was reached before.
      if (task == null || task.getState() != TaskState.WAITING) {
        continue;
      }
      TaskSteps.move(partition, task, TaskState.SKIPPED);
      task.setFinishedAt(now);
      task.setError("skipped: upstream task \"" + upstreamTaskId + "\" failed");
      tasks.put(partition.getJobId(), partition.getPartition(), task);
      Split split = Split.of(partition, task);
      toSkip.addAll(split.local());
      forwardSkip(partition, task.getDefinition().getId(), split);
    }
  }

  private void forwardSkip(PartitionRecord partition, String taskId, Split split) {
    split.remote().forEach((target, successors) -> outbox.upstreamFailed(new UpstreamFailed(
        partition.getJobId(), target, taskId, successors)));
  }
}
