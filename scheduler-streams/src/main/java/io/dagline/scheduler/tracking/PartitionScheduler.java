package io.dagline.scheduler.tracking;

import io.dagline.schemas.AttemptLost;
import io.dagline.schemas.AttemptSummary;
import io.dagline.schemas.CreditsGranted;
import io.dagline.schemas.ExecutionPlacement;
import io.dagline.schemas.GraphPartitionCreated;
import io.dagline.schemas.JobStopped;
import io.dagline.schemas.PartitionTask;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskCompleted;
import io.dagline.schemas.TaskDefinition;
import io.dagline.schemas.TaskFailed;
import io.dagline.schemas.TaskOutput;
import io.dagline.schemas.TaskResult;
import io.dagline.schemas.TaskStarted;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.UpstreamCompleted;
import io.dagline.schemas.UpstreamFailed;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.TaskRecord;
import io.dagline.scheduler.SchedulerSettings;
import io.dagline.scheduler.dispatch.PartitionDispatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import io.dagline.serde.DaglineSchemas;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The partition processor's decisions: tracks the dependencies of one graph partition's tasks. A task
 * whose dependencies have all completed becomes ready and is dispatched in the same step, within the
 * partition's credits at its site ({@link PartitionDispatcher}); a completion is forwarded to the
 * partitions that hold successors.
 *
 * <p>Every event about an attempt is checked against the task's current attempt and state, so a
 * duplicate or late report (a redelivered task run twice, an attempt already retried) changes
 * nothing.
 *
 * <p>Lifecycle: a failed attempt with attempts left waits (state WAITING, {@code retryAt} set) for
 * its backoff, and a timer releases it; a task out of attempts fails the job (its partitions are
 * then stopped by the job level) or, under {@code SKIP_DESCENDANTS}, skips its descendants here and
 * in other partitions. A running attempt with a timeout has a deadline timer as a backstop for an
 * executor that never reports. A stopped partition ({@link JobStopped}) ends every unfinished task.
 *
 * <p>An attempt whose executor the site coordinator declared lost ({@link AttemptLost}) fails like any other, if it
 * is still the task's current attempt and still runs on that executor. Exclusion: a failed attempt's
 * executor is named in every later attempt of the task (the executor releases such a record), and a
 * task that failed too often at a site moves to another known site unless it is pinned to its own.
 *
 * <p>This class takes each event; what follows from it for a task (ready, released, failed and retried,
 * stopped) is in {@link TaskOutcomes}, how a task's end reaches its successors in {@link Successors},
 * and where and how often attempts run in {@link AttemptRules}.
 */
public final class PartitionScheduler {

  static {
    DaglineSchemas.trustGeneratedClasses(); // builders fill in enum defaults by class name
  }

  private final TaskStore tasks;
  private final PartitionStore partitions;
  private final TimerStore timers;
  private final PartitionOutbox outbox;
  private final PartitionDispatcher dispatcher;
  private final TaskInputs inputs;
  private final AttemptRules rules;
  private final Successors successors;
  private final TaskOutcomes outcomes;
  private final PlanRepair planRepair;
  private final long timeoutGraceMs;
  private final LongSupplier clock;

  public PartitionScheduler(
      TaskStore tasks,
      KeyValueStore<String, PartitionRecord> partitions,
      KeyValueStore<String, Long> statusPending,
      TimerStore timers,
      PartitionOutbox outbox,
      PartitionDispatcher dispatcher,
      TaskInputs inputs,
      SchedulerSettings settings,
      LongSupplier clock) {
    this.tasks = tasks;
    this.partitions = new PartitionStore(partitions, statusPending, clock);
    this.timers = timers;
    this.outbox = outbox;
    this.dispatcher = dispatcher;
    this.inputs = inputs;
    this.rules = new AttemptRules(settings);
    this.successors = new Successors(tasks, outbox, clock);
    this.planRepair = new PlanRepair(settings.planningPlatform().orElse(null), tasks, timers, dispatcher, inputs,
        rules, settings.ingest().defaultRuntimeMs(), clock);
    this.outcomes = new TaskOutcomes(tasks, timers, dispatcher, inputs, successors, rules, planRepair, clock);
    this.timeoutGraceMs = settings.timeoutGrace().toMillis();
    this.clock = clock;
  }

  public void onPartitionCreated(GraphPartitionCreated created) {
    if (partitions.get(created.getJobId(), created.getPartition()) != null) {
      return; // already created: a replayed ingest
    }
    PartitionRecord partition = PartitionRecord.newBuilder()
        .setJobId(created.getJobId())
        .setPartition(created.getPartition())
        .setPartitionCount(created.getPartitionCount())
        .setTaskCount(created.getTasks().size())
        .setCounts(TaskCountsMath.empty())
        .setRetry(created.getRetry())
        .setOnTaskFailure(created.getOnTaskFailure())
        .setPool(created.getPool())
        .setCredits(new HashMap<>())
        .setPlanOriginAt(created.getTasks().stream().anyMatch(task -> task.getPlannedStartMs() != null)
            ? created.getCreatedAt() : null)
        .build();
    List<TaskRecord> readyNow = new ArrayList<>();
    for (PartitionTask task : created.getTasks()) {
      TaskDefinition definition = task.getDefinition();
      TaskRecord record = TaskRecord.newBuilder()
          .setDefinition(definition)
          .setPriority(task.getPriority())
          .setSuccessors(task.getSuccessors())
          .setAttemptSite(task.getPlannedSite())
          .setPlannedStartMs(task.getPlannedStartMs())
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
      outcomes.makeReady(partition, task);
    }
    save(partition);
  }

  public void onTaskStarted(TaskStarted started) {
    TaskAttempt attempt = started.getAttempt();
    TaskRecord task = currentAttempt(attempt);
    if (task != null && task.getState() == TaskState.RUNNING
        && !started.getPlacement().getExecutorId().equals(task.getExecutorId())) {
      // The same attempt started again elsewhere: its share-group lock expired on the first executor.
      keepEarlierRun(task, started.getPlacement());
      TaskSteps.place(task, started.getPlacement());
      task.setStartedAt(started.getStartedAt());
      tasks.put(attempt.getJobId(), attempt.getPartition(), task);
      return;
    }
    if (task == null || task.getState() != TaskState.READY) {
      return;
    }
    PartitionRecord partition = partitionOf(attempt);
    TaskSteps.move(partition, task, TaskState.RUNNING);
    TaskSteps.place(task, started.getPlacement());
    task.setStartedAt(started.getStartedAt());
    if (partition.getFirstStartedAt() == null) {
      partition.setFirstStartedAt(started.getStartedAt());
    }
    planRepair.started(partition, task);
    Long timeoutMs = task.getDefinition().getTimeoutMs();
    if (timeoutMs != null) {
      // The executor fails an attempt at its timeout; this deadline only catches one that never reports.
      long deadline = clock.getAsLong() + timeoutMs + timeoutGraceMs;
      task.setDeadlineAt(deadline);
      timers.schedule(deadline, attempt.getJobId(), attempt.getPartition(), attempt.getTaskId(), attempt.getAttempt());
    }
    tasks.put(attempt.getJobId(), attempt.getPartition(), task);
    save(partition);
  }

  public void onTaskCompleted(TaskCompleted completed) {
    TaskAttempt attempt = completed.getAttempt();
    TaskRecord task = currentAttempt(attempt);
    if (task == null || !TaskSteps.isInFlight(task)) {
      return;
    }
    PartitionRecord partition = partitionOf(attempt);
    dispatcher.attemptEnded(partition, task, rules.queueSite(task), null);
    outcomes.clearDeadline(partition, task);
    keepEarlierRun(task, completed.getPlacement());
    TaskSteps.finish(partition, task, completed.getPlacement(), completed.getStartedAt(), completed.getFinishedAt(), TaskState.SUCCEEDED);
    keepOutput(task, completed);
    tasks.put(attempt.getJobId(), attempt.getPartition(), task);
    outcomes.releaseSuccessors(partition, task);
    save(partition);
  }

  /** What the task produced is kept with it and published for the API; nothing is written when it produced nothing. */
  private void keepOutput(TaskRecord task, TaskCompleted completed) {
    if (completed.getResult() == null && completed.getResultRef() == null) {
      return;
    }
    TaskOutput output = new TaskOutput(completed.getResult(), completed.getResultRef());
    task.setOutput(output);
    TaskAttempt attempt = completed.getAttempt();
    outbox.resultAccepted(new TaskResult(attempt.getJobId(), attempt.getTaskId(), attempt.getAttempt(), output,
        completed.getPlacement().getExecutorId(), completed.getFinishedAt()));
  }

  public void onTaskFailed(TaskFailed failed) {
    TaskAttempt attempt = failed.getAttempt();
    TaskRecord task = currentAttempt(attempt);
    if (task == null || !TaskSteps.isInFlight(task)) {
      return;
    }
    PartitionRecord partition = partitionOf(attempt);
    outcomes.clearDeadline(partition, task);
    keepEarlierRun(task, failed.getPlacement());
    outcomes.failAttempt(partition, task, failed.getPlacement(), failed.getStartedAt(), failed.getFinishedAt(), failed.getError(),
        failed.getPlacement().getExecutorId(), failed.getRetryable());
    save(partition);
  }

  /**
   * Level 2 stopped hearing from the executor that reported this attempt running. The attempt fails
   * (a retry, if any are left) unless it is over or has since started on another executor.
   */
  public void onAttemptLost(AttemptLost lost) {
    TaskAttempt attempt = lost.getAttempt();
    TaskRecord task = currentAttempt(attempt);
    if (task == null || !TaskSteps.isInFlight(task)) {
      return;
    }
    if (task.getExecutorId() != null && !task.getExecutorId().equals(lost.getExecutorId())) {
      return;
    }
    PartitionRecord partition = partitionOf(attempt);
    if (partition == null || partition.getStopped()) {
      return;
    }
    outcomes.clearDeadline(partition, task);
    long now = clock.getAsLong();
    outcomes.failAttempt(partition, task, new ExecutionPlacement(lost.getExecutorId(), lost.getSite()),
        task.getStartedAt() == null ? now : task.getStartedAt(), now,
        "executor " + lost.getExecutorId() + " lost: " + lost.getReason(),
        null, true);
    save(partition);
  }

  /** The site coordinator's new grant: queued attempts use new credits at once. */
  public void onCreditsGranted(CreditsGranted grant) {
    PartitionRecord partition = partitions.get(grant.getJobId(), grant.getPartition());
    if (partition == null) {
      return;
    }
    dispatcher.granted(partition, grant);
    save(partition);
  }

  /**
   * After this instance restored the partitions it was given: where dispatches reach executors before
   * the commit, each dispatched attempt not reported started is sent again, since it may have been lost
   * with the instance that sent it.
   */
  public void redispatchUnstarted() {
    if (!dispatcher.dispatchesBeforeCommit()) {
      return;
    }
    for (PartitionRecord partition : partitions.live()) {
      tasks.forEachInPartition(partition.getJobId(), partition.getPartition(), task -> {
        if (task.getState() == TaskState.READY) {
          dispatcher.redispatchIfUnstarted(partition, task, rules.queueSite(task), inputs.of(partition, task).inputs());
        }
      });
    }
  }

  public void onUpstreamCompleted(UpstreamCompleted upstream) {
    PartitionRecord partition = partitions.get(upstream.getJobId(), upstream.getPartition());
    if (partition == null) {
      return;
    }
    boolean produced = upstream.getOutput() != null;
    if (produced) {
      inputs.upstreamProduced(upstream.getJobId(), upstream.getPartition(), upstream.getUpstreamTaskId(), upstream.getOutput());
    }
    for (String successor : upstream.getSuccessors()) {
      outcomes.dependencyMet(partition, successor, produced);
    }
    save(partition);
  }

  public void onUpstreamFailed(UpstreamFailed upstream) {
    PartitionRecord partition = partitions.get(upstream.getJobId(), upstream.getPartition());
    if (partition == null) {
      return;
    }
    successors.skip(partition, upstream.getSuccessors(), upstream.getUpstreamTaskId());
    save(partition);
  }

  /** The job was cancelled or failed: every task not finished ends, and its queue place or slot is given back. */
  public void onJobStopped(JobStopped stopped) {
    PartitionRecord partition = partitions.get(stopped.getJobId(), stopped.getPartition());
    if (partition == null || partition.getStopped()) {
      return;
    }
    outcomes.stop(partition, stopped.getOutcome(), stopped.getReason());
    save(partition);
  }

  /**
   * Fires every timer due by now: retries whose backoff has passed, deadlines of attempts that never reported,
   * planned attempts behind their plan.
   */
  public void fireTimers(long now) {
    Map<String, Map<String, PlanRepair.SiteLoad>> loads = new HashMap<>();
    for (TimerStore.Due due : timers.takeDue(now)) {
      TaskRecord task = tasks.get(due.jobId(), due.partition(), due.taskId());
      if (task == null || task.getAttempt() != due.attempt()) {
        continue; // the attempt the timer was set for is over
      }
      PartitionRecord partition = partitions.get(due.jobId(), due.partition());
      if (partition == null || partition.getStopped()) {
        continue;
      }
      if (planRepair.watches(partition, task)) {
        if (planRepair.behindPlan(partition, task, now, loads)) {
          save(partition);
        }
      } else if (task.getState() == TaskState.WAITING && task.getRetryAt() != null) {
        task.setRetryAt(null);
        outcomes.makeReady(partition, task);
        save(partition);
      } else if (task.getState() == TaskState.RUNNING && task.getDeadlineAt() != null && task.getDeadlineAt() <= now) {
        task.setDeadlineAt(null);
        String site = task.getSite() != null ? task.getSite() : rules.queueSite(task);
        long timeoutMs = task.getDefinition().getTimeoutMs() == null ? 0 : task.getDefinition().getTimeoutMs();
        outcomes.failAttempt(partition, task,
            new ExecutionPlacement(task.getExecutorId() == null ? "unknown" : task.getExecutorId(), site),
            task.getStartedAt() == null ? now : task.getStartedAt(), now,
            "no report within " + (timeoutMs + timeoutGraceMs) + " ms (timeout " + timeoutMs
                + " ms plus grace): executor " + task.getExecutorId() + " presumed lost", null, true);
        save(partition);
      }
    }
  }

  /**
   * A report of the task's current attempt from another executor than the one it was reported running on:
   * the share-group lock expired there (the executor died or stalled) and the attempt was delivered again.
   * The earlier run stays in the attempt history, ended as lost; the report's own start counts from now on.
   */
  private void keepEarlierRun(TaskRecord task, ExecutionPlacement reportedBy) {
    if (task.getState() != TaskState.RUNNING || task.getExecutorId() == null
        || task.getExecutorId().equals(reportedBy.getExecutorId())) {
      return;
    }
    List<AttemptSummary> previous = new ArrayList<>(task.getPreviousAttempts());
    previous.add(new AttemptSummary(task.getAttempt(), task.getExecutorId(), task.getSite(), task.getStartedAt(),
        clock.getAsLong(), TaskState.FAILED, "lost on executor " + task.getExecutorId()
            + ": the attempt was delivered again, to " + reportedBy.getExecutorId()));
    task.setPreviousAttempts(previous);
    task.setStartedAt(null);
  }

  private TaskRecord currentAttempt(TaskAttempt attempt) {
    TaskRecord task = tasks.get(attempt.getJobId(), attempt.getPartition(), attempt.getTaskId());
    return task != null && task.getAttempt() == attempt.getAttempt() ? task : null;
  }

  private PartitionRecord partitionOf(TaskAttempt attempt) {
    return partitions.get(attempt.getJobId(), attempt.getPartition());
  }

  /** The end of every event that changed the partition: free credits are filled, then it is written. */
  private void save(PartitionRecord partition) {
    dispatcher.eventEnded(partition, TaskSteps.isOver(partition));
    partitions.put(partition);
  }
}
