package io.dagline.scheduler.tracking;

import io.dagline.schemas.ExecutionPlacement;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.TaskRecord;

/** The small changes every transition of a task makes: its state with the partition's counts, its placement, its end. */
final class TaskSteps {

  private TaskSteps() {}

  static void move(PartitionRecord partition, TaskRecord task, TaskState to) {
    TaskCountsMath.add(partition.getCounts(), task.getState(), -1);
    TaskCountsMath.add(partition.getCounts(), to, 1);
    task.setState(to);
  }

  static void place(TaskRecord task, ExecutionPlacement placement) {
    task.setExecutorId(placement.getExecutorId());
    task.setSite(placement.getSite());
  }

  /** The task's current attempt ended with {@code outcome}; the partition's first start and last end follow. */
  static void finish(PartitionRecord partition, TaskRecord task, ExecutionPlacement placement,
      long startedAt, long finishedAt, TaskState outcome) {
    move(partition, task, outcome);
    place(task, placement);
    if (task.getStartedAt() == null) {
      task.setStartedAt(startedAt);
    }
    task.setFinishedAt(finishedAt);
    if (partition.getFirstStartedAt() == null || startedAt < partition.getFirstStartedAt()) {
      partition.setFirstStartedAt(startedAt);
    }
    if (partition.getLastFinishedAt() == null || finishedAt > partition.getLastFinishedAt()) {
      partition.setLastFinishedAt(finishedAt);
    }
  }

  static boolean isInFlight(TaskRecord task) {
    return task.getState() == TaskState.READY || task.getState() == TaskState.RUNNING;
  }

  static boolean isFinished(TaskState state) {
    return state == TaskState.SUCCEEDED || state == TaskState.FAILED
        || state == TaskState.SKIPPED || state == TaskState.CANCELLED;
  }

  /** Stopped, or every task of the partition finished: it dispatches nothing more. */
  static boolean isOver(PartitionRecord partition) {
    return partition.getStopped() || TaskCountsMath.finished(partition.getCounts()) == partition.getTaskCount();
  }
}
