package io.dagline.scheduler.tracking;

import io.dagline.schemas.AttemptSummary;
import io.dagline.schemas.ExecutionPlacement;
import io.dagline.schemas.FailurePolicy;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.TaskRecord;
import io.dagline.scheduler.dispatch.PartitionDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What follows from an event for a task of the partition: it becomes ready and is dispatched, its
 * successors are released, its attempt fails and is retried or the task fails, the partition stops.
 */
final class TaskOutcomes {

  private final TaskStore tasks;
  private final TimerStore timers;
  private final PartitionDispatcher dispatcher;
  private final TaskInputs inputs;
  private final Successors successors;
  private final AttemptRules rules;
  private final PlanRepair planRepair;
  private final LongSupplier clock;

  TaskOutcomes(TaskStore tasks, TimerStore timers, PartitionDispatcher dispatcher, TaskInputs inputs,
      Successors successors, AttemptRules rules, PlanRepair planRepair, LongSupplier clock) {
    this.planRepair = planRepair;
    this.tasks = tasks;
    this.timers = timers;
    this.dispatcher = dispatcher;
    this.inputs = inputs;
    this.successors = successors;
    this.rules = rules;
    this.clock = clock;
  }

  /** The task's dependencies are met: with what they produced, it goes to its site's executors (or its queue). */
  void makeReady(PartitionRecord partition, TaskRecord task) {
    TaskInputs.Gathered gathered = inputs.of(partition, task);
    if (gathered.problem() != null) {
      // No attempt could run it: it fails without one.
      long now = clock.getAsLong();
      task.setError(gathered.problem());
      TaskSteps.finish(partition, task, new ExecutionPlacement("none", rules.queueSite(task)), now, now, TaskState.FAILED);
      tasks.put(partition.getJobId(), partition.getPartition(), task);
      failTask(partition, task);
      return;
    }
    TaskSteps.move(partition, task, TaskState.READY);
    task.setReadyAt(clock.getAsLong());
    planRepair.placeIfBehindPlan(partition, task, task.getReadyAt());
    tasks.put(partition.getJobId(), partition.getPartition(), task);
    dispatcher.ready(partition, task, rules.queueSite(task), gathered.inputs());
    planRepair.watch(partition, task);
  }

  /** The task succeeded: its successors here are one dependency closer, those elsewhere hear of it. */
  void releaseSuccessors(PartitionRecord partition, TaskRecord task) {
    boolean produced = task.getOutput() != null;
    for (String successor : successors.completed(partition, task)) {
      dependencyMet(partition, successor, produced);
    }
  }

  /** One of the task's dependencies succeeded; {@code produced}: it left a result for the task's inputs. */
  void dependencyMet(PartitionRecord partition, String taskId, boolean produced) {
    TaskRecord successor = tasks.get(partition.getJobId(), partition.getPartition(), taskId);
    if (successor == null || successor.getState() != TaskState.WAITING || successor.getWaitingOn() == 0) {
      return;
    }
    successor.setWaitingOn(successor.getWaitingOn() - 1);
    if (produced) {
      successor.setHasInputs(true);
    }
    if (successor.getWaitingOn() == 0 && !partition.getStopped()) {
      makeReady(partition, successor);
    } else {
      tasks.put(partition.getJobId(), partition.getPartition(), successor);
    }
  }

  /**
   * Ends the task's current attempt as failed (its slot is given back): retry, fail the task, and maybe
   * stop the job. {@code failedOn} names the executor the attempt failed on when the failure counts
   * towards excluding it (a function's failure, not a lost executor's). A failure that is not
   * {@code retryable} ends the task whatever attempts it has left.
   */
  void failAttempt(PartitionRecord partition, TaskRecord task, ExecutionPlacement placement,
      long startedAt, long finishedAt, String error, String failedOn, boolean retryable) {
    task.setError(error);
    int attempt = task.getAttempt();
    String endedSite = rules.queueSite(task);
    boolean lastAttempt = attempt >= rules.maxAttempts(task) || !retryable;
    String excluding = rules.excludesOnFailure() ? failedOn : null;
    if (excluding != null) {
      if (!task.getExcludedExecutors().contains(excluding)) {
        task.getExcludedExecutors().add(excluding);
      }
      task.getSiteFailures().merge(endedSite, 1, Integer::sum);
    }
    dispatcher.attemptEnded(partition, task, endedSite, excluding);
    if (lastAttempt) {
      TaskSteps.finish(partition, task, placement, startedAt, finishedAt, TaskState.FAILED);
      failTask(partition, task);
      return;
    }
    // The status shows the current attempt only; the ones before are kept for the API's attempt history.
    List<AttemptSummary> previous = new ArrayList<>(task.getPreviousAttempts());
    previous.add(new AttemptSummary(attempt, placement.getExecutorId(), placement.getSite(), startedAt, finishedAt,
        TaskState.FAILED, error));
    task.setPreviousAttempts(previous);
    if (excluding != null) {
      rules.moveAwayFromFailingSite(task, endedSite);
    }
    TaskSteps.move(partition, task, TaskState.WAITING);
    task.setAttempt(attempt + 1);
    task.setExecutorId(null);
    task.setStartedAt(null);
    long delay = rules.backoff(partition, task).delayMs(partition.getJobId(), task.getDefinition().getId(), attempt);
    if (delay <= 0) {
      makeReady(partition, task);
    } else {
      long retryAt = clock.getAsLong() + delay;
      task.setRetryAt(retryAt);
      timers.schedule(retryAt, partition.getJobId(), partition.getPartition(), task.getDefinition().getId(), attempt + 1);
      tasks.put(partition.getJobId(), partition.getPartition(), task);
    }
  }

  /** The task is FAILED and over: the job fails (FAIL_JOB) or its descendants are skipped. */
  private void failTask(PartitionRecord partition, TaskRecord task) {
    int attempt = task.getAttempt();
    if (partition.getFailedTaskId() == null) {
      partition.setFailedTaskId(task.getDefinition().getId());
      partition.setFailedAttempts(attempt);
      partition.setError(task.getError());
    }
    tasks.put(partition.getJobId(), partition.getPartition(), task);
    if (partition.getOnTaskFailure() == FailurePolicy.FAIL_JOB) {
      // The job fails: stop here at once (no freed credit is filled with a task about to be stopped);
      // the job level stops the other partitions.
      stop(partition, TaskState.SKIPPED,
          "job failed: task \"" + task.getDefinition().getId() + "\" failed after " + attempt + " attempts");
    } else {
      successors.failed(partition, task);
    }
  }

  /** Every task not finished ends with {@code outcome}; queue places and credits are given back. */
  void stop(PartitionRecord partition, TaskState outcome, String reason) {
    partition.setStopped(true);
    long now = clock.getAsLong();
    List<TaskRecord> unfinished = new ArrayList<>();
    tasks.forEachInPartition(partition.getJobId(), partition.getPartition(), task -> {
      if (!TaskSteps.isFinished(task.getState())) {
        unfinished.add(task);
      }
    });
    for (TaskRecord task : unfinished) {
      if (TaskSteps.isInFlight(task)) {
        dispatcher.attemptEnded(partition, task, rules.queueSite(task), null); // out of the queue, or its credit back
      }
      clearDeadline(partition, task);
      if (task.getRetryAt() != null) {
        timers.cancel(task.getRetryAt(), partition.getJobId(), partition.getPartition(), task.getDefinition().getId());
        task.setRetryAt(null);
      }
      TaskSteps.move(partition, task, outcome);
      task.setFinishedAt(now);
      task.setError(reason);
      tasks.put(partition.getJobId(), partition.getPartition(), task);
    }
  }

  void clearDeadline(PartitionRecord partition, TaskRecord task) {
    if (task.getDeadlineAt() != null) {
      timers.cancel(task.getDeadlineAt(), partition.getJobId(), partition.getPartition(), task.getDefinition().getId());
      task.setDeadlineAt(null);
    }
  }
}
