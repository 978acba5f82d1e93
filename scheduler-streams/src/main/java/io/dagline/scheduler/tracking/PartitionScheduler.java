package io.dagline.scheduler.tracking;

import io.dagline.schemas.ExecutionPlacement;
import io.dagline.schemas.GraphPartitionCreated;
import io.dagline.schemas.PartitionTask;
import io.dagline.schemas.SlotReleased;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskCompleted;
import io.dagline.schemas.TaskDefinition;
import io.dagline.schemas.TaskFailed;
import io.dagline.schemas.TaskReady;
import io.dagline.schemas.TaskRef;
import io.dagline.schemas.TaskStarted;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.UpstreamCompleted;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Level 1: tracks the dependencies of one graph partition's tasks. A task whose dependencies have
 * all completed becomes ready; a completion is forwarded to the partitions that hold successors.
 *
 * <p>Every event about an attempt is checked against the task's current attempt and state, so a
 * duplicate or late report (a redelivered task run twice, an attempt already retried) changes
 * nothing.
 */
public final class PartitionScheduler {

  private final TaskStore tasks;
  private final KeyValueStore<String, PartitionRecord> partitions;
  private final KeyValueStore<String, Long> statusPending;
  private final PartitionOutbox outbox;
  private final String defaultSite;
  private final int defaultMaxAttempts;
  private final LongSupplier clock;

  public PartitionScheduler(
      TaskStore tasks,
      KeyValueStore<String, PartitionRecord> partitions,
      KeyValueStore<String, Long> statusPending,
      PartitionOutbox outbox,
      String defaultSite,
      int defaultMaxAttempts,
      LongSupplier clock) {
    this.tasks = tasks;
    this.partitions = partitions;
    this.statusPending = statusPending;
    this.outbox = outbox;
    this.defaultSite = defaultSite;
    this.defaultMaxAttempts = defaultMaxAttempts;
    this.clock = clock;
  }

  public void onPartitionCreated(GraphPartitionCreated created) {
    String key = partitionKey(created.getJobId(), created.getPartition());
    if (partitions.get(key) != null) {
      return; // already created: a replayed ingest
    }
    PartitionRecord partition = new PartitionRecord(created.getJobId(), created.getPartition(),
        created.getPartitionCount(), created.getTasks().size(), TaskCountsMath.empty(), null, null, null, null);
    List<TaskRecord> readyNow = new ArrayList<>();
    for (PartitionTask task : created.getTasks()) {
      TaskDefinition definition = task.getDefinition();
      TaskRecord record = TaskRecord.newBuilder()
          .setDefinition(definition)
          .setPriority(task.getPriority())
          .setSuccessors(task.getSuccessors())
          .setWaitingOn(definition.getDependencies().size())
          .setState(TaskState.WAITING)
          .setAttempt(1)
          .build();
      TaskCountsMath.add(partition.getCounts(), TaskState.WAITING, 1);
      if (record.getWaitingOn() == 0) {
        readyNow.add(record);
      }
      tasks.put(created.getJobId(), created.getPartition(), record);
    }
    for (TaskRecord task : readyNow) {
      makeReady(partition, task);
    }
    save(partition);
  }

  public void onTaskStarted(TaskStarted started) {
    TaskAttempt attempt = started.getAttempt();
    TaskRecord task = currentAttempt(attempt);
    if (task == null || task.getState() != TaskState.READY) {
      return;
    }
    PartitionRecord partition = partitionOf(attempt);
    move(partition, task, TaskState.RUNNING);
    place(task, started.getPlacement());
    task.setStartedAt(started.getStartedAt());
    if (partition.getFirstStartedAt() == null) {
      partition.setFirstStartedAt(started.getStartedAt());
    }
    tasks.put(attempt.getJobId(), attempt.getPartition(), task);
    save(partition);
  }

  public void onTaskCompleted(TaskCompleted completed) {
    TaskAttempt attempt = completed.getAttempt();
    TaskRecord task = currentAttempt(attempt);
    if (task == null || !isInFlight(task)) {
      return;
    }
    PartitionRecord partition = partitionOf(attempt);
    outbox.slotReleased(new SlotReleased(attempt, completed.getPlacement().getSite()));
    finish(partition, task, completed.getPlacement(), completed.getStartedAt(), completed.getFinishedAt(), TaskState.SUCCEEDED);
    tasks.put(attempt.getJobId(), attempt.getPartition(), task);
    releaseSuccessors(partition, task);
    save(partition);
  }

  public void onTaskFailed(TaskFailed failed) {
    TaskAttempt attempt = failed.getAttempt();
    TaskRecord task = currentAttempt(attempt);
    if (task == null || !isInFlight(task)) {
      return;
    }
    PartitionRecord partition = partitionOf(attempt);
    outbox.slotReleased(new SlotReleased(attempt, failed.getPlacement().getSite()));
    task.setError(failed.getError());
    if (attempt.getAttempt() < maxAttempts(task)) {
      move(partition, task, TaskState.WAITING);
      task.setAttempt(attempt.getAttempt() + 1);
      task.setExecutorId(null);
      task.setStartedAt(null);
      makeReady(partition, task);
    } else {
      finish(partition, task, failed.getPlacement(), failed.getStartedAt(), failed.getFinishedAt(), TaskState.FAILED);
      if (partition.getFailedTaskId() == null) {
        partition.setFailedTaskId(task.getDefinition().getId());
        partition.setError(failed.getError());
      }
      tasks.put(attempt.getJobId(), attempt.getPartition(), task);
    }
    save(partition);
  }

  public void onUpstreamCompleted(UpstreamCompleted upstream) {
    PartitionRecord partition = partitions.get(partitionKey(upstream.getJobId(), upstream.getPartition()));
    if (partition == null) {
      return;
    }
    for (String successor : upstream.getSuccessors()) {
      dependencyMet(partition, successor);
    }
    save(partition);
  }

  private void releaseSuccessors(PartitionRecord partition, TaskRecord task) {
    Map<Integer, List<String>> remote = new TreeMap<>();
    for (TaskRef successor : task.getSuccessors()) {
      if (successor.getPartition() == partition.getPartition()) {
        dependencyMet(partition, successor.getTaskId());
      } else {
        remote.computeIfAbsent(successor.getPartition(), p -> new ArrayList<>()).add(successor.getTaskId());
      }
    }
    remote.forEach((target, successors) -> outbox.upstreamCompleted(new UpstreamCompleted(
        partition.getJobId(), target, task.getDefinition().getId(), successors)));
  }

  private void dependencyMet(PartitionRecord partition, String taskId) {
    TaskRecord successor = tasks.get(partition.getJobId(), partition.getPartition(), taskId);
    if (successor == null || successor.getState() != TaskState.WAITING || successor.getWaitingOn() == 0) {
      return;
    }
    successor.setWaitingOn(successor.getWaitingOn() - 1);
    if (successor.getWaitingOn() == 0) {
      makeReady(partition, successor);
    } else {
      tasks.put(partition.getJobId(), partition.getPartition(), successor);
    }
  }

  private void makeReady(PartitionRecord partition, TaskRecord task) {
    TaskDefinition definition = task.getDefinition();
    long now = clock.getAsLong();
    move(partition, task, TaskState.READY);
    task.setReadyAt(now);
    String site = definition.getSite() != null ? definition.getSite() : defaultSite;
    tasks.put(partition.getJobId(), partition.getPartition(), task);
    outbox.ready(TaskReady.newBuilder()
        .setAttempt(new TaskAttempt(partition.getJobId(), partition.getPartition(), definition.getId(), task.getAttempt()))
        .setFunction(definition.getFunction())
        .setArgs(definition.getArgs())
        .setTimeoutMs(definition.getTimeoutMs())
        .setPriority(task.getPriority())
        .setPool(definition.getPool())
        .setSite(site)
        .setCpu(definition.getCpu())
        .setMemoryMb(definition.getMemoryMb())
        .setReadyAt(now)
        .build());
  }

  private void finish(PartitionRecord partition, TaskRecord task, ExecutionPlacement placement,
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

  private static void place(TaskRecord task, ExecutionPlacement placement) {
    task.setExecutorId(placement.getExecutorId());
    task.setSite(placement.getSite());
  }

  private static void move(PartitionRecord partition, TaskRecord task, TaskState to) {
    TaskCountsMath.add(partition.getCounts(), task.getState(), -1);
    TaskCountsMath.add(partition.getCounts(), to, 1);
    task.setState(to);
  }

  private static boolean isInFlight(TaskRecord task) {
    return task.getState() == TaskState.READY || task.getState() == TaskState.RUNNING;
  }

  private int maxAttempts(TaskRecord task) {
    Integer declared = task.getDefinition().getMaxAttempts();
    return declared != null ? declared : defaultMaxAttempts;
  }

  private TaskRecord currentAttempt(TaskAttempt attempt) {
    TaskRecord task = tasks.get(attempt.getJobId(), attempt.getPartition(), attempt.getTaskId());
    return task != null && task.getAttempt() == attempt.getAttempt() ? task : null;
  }

  private PartitionRecord partitionOf(TaskAttempt attempt) {
    return partitions.get(partitionKey(attempt.getJobId(), attempt.getPartition()));
  }

  private void save(PartitionRecord partition) {
    String key = partitionKey(partition.getJobId(), partition.getPartition());
    partitions.put(key, partition);
    if (statusPending.get(key) == null) {
      statusPending.put(key, clock.getAsLong());
    }
  }

  static String partitionKey(String jobId, int partition) {
    return jobId + "/" + partition;
  }
}
