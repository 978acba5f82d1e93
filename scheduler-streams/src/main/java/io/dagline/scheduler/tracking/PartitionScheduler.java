package io.dagline.scheduler.tracking;

import io.dagline.schemas.AttemptSummary;
import io.dagline.schemas.AttemptLost;
import io.dagline.schemas.CreditsGranted;
import io.dagline.schemas.DataReference;
import io.dagline.schemas.ExecutionPlacement;
import io.dagline.schemas.FailurePolicy;
import io.dagline.schemas.GraphPartitionCreated;
import io.dagline.schemas.JobStopped;
import io.dagline.schemas.PartitionTask;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskCompleted;
import io.dagline.schemas.TaskDefinition;
import io.dagline.schemas.TaskFailed;
import io.dagline.schemas.TaskOutput;
import io.dagline.schemas.TaskResult;
import io.dagline.schemas.TaskRef;
import io.dagline.schemas.TaskStarted;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.UpstreamCompleted;
import io.dagline.schemas.UpstreamFailed;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.TaskRecord;
import io.dagline.scheduler.ExclusionSettings;
import io.dagline.scheduler.SchedulerSettings;
import io.dagline.scheduler.dispatch.PartitionDispatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 */
public final class PartitionScheduler {

  static {
    DaglineSchemas.trustGeneratedClasses(); // builders fill in enum defaults by class name
  }

  private final TaskStore tasks;
  private final KeyValueStore<String, PartitionRecord> partitions;
  private final KeyValueStore<String, Long> statusPending;
  private final TimerStore timers;
  private final PartitionOutbox outbox;
  private final PartitionDispatcher dispatcher;
  private final TaskInputs inputs;
  private final String defaultSite;
  private final int defaultMaxAttempts;
  private final Backoff defaultBackoff;
  private final long timeoutGraceMs;
  private final ExclusionSettings exclusion;
  private final List<String> knownSites;
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
    this.partitions = partitions;
    this.statusPending = statusPending;
    this.timers = timers;
    this.outbox = outbox;
    this.dispatcher = dispatcher;
    this.inputs = inputs;
    this.defaultSite = settings.defaultSite();
    this.defaultMaxAttempts = settings.defaultMaxAttempts();
    this.defaultBackoff = settings.retry();
    this.timeoutGraceMs = settings.timeoutGrace().toMillis();
    this.exclusion = settings.exclusion();
    this.knownSites = settings.knownSites();
    this.clock = clock;
  }

  public void onPartitionCreated(GraphPartitionCreated created) {
    String key = partitionKey(created.getJobId(), created.getPartition());
    if (partitions.get(key) != null) {
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
        .build();
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
    if (task != null && task.getState() == TaskState.RUNNING
        && !started.getPlacement().getExecutorId().equals(task.getExecutorId())) {
      // The same attempt started again elsewhere: its share-group lock expired on the first executor.
      place(task, started.getPlacement());
      tasks.put(attempt.getJobId(), attempt.getPartition(), task);
      return;
    }
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
    if (task == null || !isInFlight(task)) {
      return;
    }
    PartitionRecord partition = partitionOf(attempt);
    dispatcher.attemptEnded(partition, task, queueSite(task), null);
    clearDeadline(partition, task);
    finish(partition, task, completed.getPlacement(), completed.getStartedAt(), completed.getFinishedAt(), TaskState.SUCCEEDED);
    keepOutput(task, completed);
    tasks.put(attempt.getJobId(), attempt.getPartition(), task);
    releaseSuccessors(partition, task);
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
    if (task == null || !isInFlight(task)) {
      return;
    }
    PartitionRecord partition = partitionOf(attempt);
    clearDeadline(partition, task);
    failAttempt(partition, task, failed.getPlacement(), failed.getStartedAt(), failed.getFinishedAt(), failed.getError(),
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
    if (task == null || !isInFlight(task)) {
      return;
    }
    if (task.getExecutorId() != null && !task.getExecutorId().equals(lost.getExecutorId())) {
      return;
    }
    PartitionRecord partition = partitionOf(attempt);
    if (partition == null || partition.getStopped()) {
      return;
    }
    clearDeadline(partition, task);
    long now = clock.getAsLong();
    failAttempt(partition, task, new ExecutionPlacement(lost.getExecutorId(), lost.getSite()),
        task.getStartedAt() == null ? now : task.getStartedAt(), now,
        "executor " + lost.getExecutorId() + " lost: " + lost.getReason(),
        null, true);
    save(partition);
  }

  /** The site coordinator's new grant: queued attempts use new credits at once. */
  public void onCreditsGranted(CreditsGranted grant) {
    PartitionRecord partition = partitions.get(partitionKey(grant.getJobId(), grant.getPartition()));
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
    List<PartitionRecord> live = new ArrayList<>();
    try (var all = partitions.all()) {
      all.forEachRemaining(entry -> {
        if (!entry.value.getStopped()) {
          live.add(entry.value);
        }
      });
    }
    for (PartitionRecord partition : live) {
      tasks.forEachInPartition(partition.getJobId(), partition.getPartition(), task -> {
        if (task.getState() == TaskState.READY) {
          dispatcher.redispatchIfUnstarted(partition, task, queueSite(task), inputs.of(partition, task).inputs());
        }
      });
    }
  }

  public void onUpstreamCompleted(UpstreamCompleted upstream) {
    PartitionRecord partition = partitions.get(partitionKey(upstream.getJobId(), upstream.getPartition()));
    if (partition == null) {
      return;
    }
    boolean produced = upstream.getOutput() != null;
    if (produced) {
      inputs.upstreamProduced(upstream.getJobId(), upstream.getPartition(), upstream.getUpstreamTaskId(), upstream.getOutput());
    }
    for (String successor : upstream.getSuccessors()) {
      dependencyMet(partition, successor, produced);
    }
    save(partition);
  }

  public void onUpstreamFailed(UpstreamFailed upstream) {
    PartitionRecord partition = partitions.get(partitionKey(upstream.getJobId(), upstream.getPartition()));
    if (partition == null) {
      return;
    }
    skip(partition, upstream.getSuccessors(), upstream.getUpstreamTaskId());
    save(partition);
  }

  /** The job was cancelled or failed: every task not finished ends, and its queue place or slot is given back. */
  public void onJobStopped(JobStopped stopped) {
    PartitionRecord partition = partitions.get(partitionKey(stopped.getJobId(), stopped.getPartition()));
    if (partition == null || partition.getStopped()) {
      return;
    }
    stop(partition, stopped.getOutcome(), stopped.getReason());
    save(partition);
  }

  /** Fires every timer due by now: retries whose backoff has passed, deadlines of attempts that never reported. */
  public void fireTimers(long now) {
    for (TimerStore.Due due : timers.takeDue(now)) {
      TaskRecord task = tasks.get(due.jobId(), due.partition(), due.taskId());
      if (task == null || task.getAttempt() != due.attempt()) {
        continue; // the attempt the timer was set for is over
      }
      PartitionRecord partition = partitions.get(partitionKey(due.jobId(), due.partition()));
      if (partition == null || partition.getStopped()) {
        continue;
      }
      if (task.getState() == TaskState.WAITING && task.getRetryAt() != null) {
        task.setRetryAt(null);
        makeReady(partition, task);
        save(partition);
      } else if (task.getState() == TaskState.RUNNING && task.getDeadlineAt() != null && task.getDeadlineAt() <= now) {
        task.setDeadlineAt(null);
        String site = task.getSite() != null ? task.getSite() : queueSite(task);
        long timeoutMs = task.getDefinition().getTimeoutMs() == null ? 0 : task.getDefinition().getTimeoutMs();
        failAttempt(partition, task,
            new ExecutionPlacement(task.getExecutorId() == null ? "unknown" : task.getExecutorId(), site),
            task.getStartedAt() == null ? now : task.getStartedAt(), now,
            "no report within " + (timeoutMs + timeoutGraceMs) + " ms (timeout " + timeoutMs
                + " ms plus grace): executor " + task.getExecutorId() + " presumed lost", null, true);
        save(partition);
      }
    }
  }

  /**
   * Ends the task's current attempt as failed (its slot is given back): retry, fail the task, and maybe
   * stop the job. {@code failedOn} names the executor the attempt failed on when the failure counts
   * towards excluding it (a function's failure, not a lost executor's). A failure that is not
   * {@code retryable} ends the task whatever attempts it has left.
   */
  private void failAttempt(PartitionRecord partition, TaskRecord task, ExecutionPlacement placement,
      long startedAt, long finishedAt, String error, String failedOn, boolean retryable) {
    task.setError(error);
    int attempt = task.getAttempt();
    String endedSite = queueSite(task);
    boolean lastAttempt = attempt >= maxAttempts(task) || !retryable;
    String excluding = exclusion.enabled() ? failedOn : null;
    if (excluding != null) {
      if (!task.getExcludedExecutors().contains(excluding)) {
        task.getExcludedExecutors().add(excluding);
      }
      task.getSiteFailures().merge(endedSite, 1, Integer::sum);
    }
    dispatcher.attemptEnded(partition, task, endedSite, excluding);
    if (!lastAttempt) {
      // The status shows the current attempt only; the ones before are kept for the API's attempt history.
      List<AttemptSummary> previous = new ArrayList<>(task.getPreviousAttempts());
      previous.add(new AttemptSummary(attempt, placement.getExecutorId(), placement.getSite(), startedAt, finishedAt,
          TaskState.FAILED, error));
      task.setPreviousAttempts(previous);
      if (excluding != null) {
        moveAwayFromFailingSite(task, endedSite);
      }
      move(partition, task, TaskState.WAITING);
      task.setAttempt(attempt + 1);
      task.setExecutorId(null);
      task.setStartedAt(null);
      long delay = backoff(partition, task).delayMs(partition.getJobId(), task.getDefinition().getId(), attempt);
      if (delay <= 0) {
        makeReady(partition, task);
      } else {
        long retryAt = clock.getAsLong() + delay;
        task.setRetryAt(retryAt);
        timers.schedule(retryAt, partition.getJobId(), partition.getPartition(), task.getDefinition().getId(), attempt + 1);
        tasks.put(partition.getJobId(), partition.getPartition(), task);
      }
      return;
    }
    finish(partition, task, placement, startedAt, finishedAt, TaskState.FAILED);
    failTask(partition, task);
  }

  /** The task is FAILED and over: the job fails (FAIL_JOB) or its descendants are skipped. */
  private void failTask(PartitionRecord partition, TaskRecord task) {
    int attempt = task.getAttempt();
    String error = task.getError();
    if (partition.getFailedTaskId() == null) {
      partition.setFailedTaskId(task.getDefinition().getId());
      partition.setFailedAttempts(attempt);
      partition.setError(error);
    }
    tasks.put(partition.getJobId(), partition.getPartition(), task);
    String taskId = task.getDefinition().getId();
    if (partition.getOnTaskFailure() == FailurePolicy.FAIL_JOB) {
      // The job fails: stop here at once (no freed credit is filled with a task about to be stopped);
      // the job level stops the other partitions.
      stop(partition, TaskState.SKIPPED, "job failed: task \"" + taskId + "\" failed after " + attempt + " attempts");
    } else {
      skipSuccessorsOf(partition, task, taskId);
    }
  }

  /**
   * A task that failed {@code maxTaskAttemptsPerSite} times at its site goes to the first known site
   * where it has failed fewer times, unless it is pinned: it names its site or reads immovable data.
   */
  private void moveAwayFromFailingSite(TaskRecord task, String site) {
    if (task.getSiteFailures().getOrDefault(site, 0) < exclusion.maxTaskAttemptsPerSite() || isPinned(task)) {
      return;
    }
    for (String candidate : knownSites) {
      if (task.getSiteFailures().getOrDefault(candidate, 0) < exclusion.maxTaskAttemptsPerSite()) {
        task.setAttemptSite(candidate.equals(defaultSite) ? null : candidate);
        return;
      }
    }
  }

  private static boolean isPinned(TaskRecord task) {
    if (task.getDefinition().getSite() != null) {
      return true;
    }
    for (DataReference input : task.getDefinition().getInputs()) {
      if (input.getImmovable()) {
        return true;
      }
    }
    return false;
  }

  private void stop(PartitionRecord partition, TaskState outcome, String reason) {
    partition.setStopped(true);
    long now = clock.getAsLong();
    List<TaskRecord> unfinished = new ArrayList<>();
    tasks.forEachInPartition(partition.getJobId(), partition.getPartition(), task -> {
      if (!isFinished(task.getState())) {
        unfinished.add(task);
      }
    });
    for (TaskRecord task : unfinished) {
      if (isInFlight(task)) {
        dispatcher.attemptEnded(partition, task, queueSite(task), null); // out of the queue, or its credit back
      }
      clearDeadline(partition, task);
      if (task.getRetryAt() != null) {
        timers.cancel(task.getRetryAt(), partition.getJobId(), partition.getPartition(), task.getDefinition().getId());
        task.setRetryAt(null);
      }
      move(partition, task, outcome);
      task.setFinishedAt(now);
      task.setError(reason);
      tasks.put(partition.getJobId(), partition.getPartition(), task);
    }
  }

  private void skipSuccessorsOf(PartitionRecord partition, TaskRecord task, String failedTaskId) {
    List<String> local = new ArrayList<>();
    Map<Integer, List<String>> remote = new TreeMap<>();
    for (TaskRef successor : task.getSuccessors()) {
      if (successor.getPartition() == partition.getPartition()) {
        local.add(successor.getTaskId());
      } else {
        remote.computeIfAbsent(successor.getPartition(), p -> new ArrayList<>()).add(successor.getTaskId());
      }
    }
    remote.forEach((target, successors) -> outbox.upstreamFailed(new UpstreamFailed(
        partition.getJobId(), target, task.getDefinition().getId(), successors)));
    skip(partition, local, failedTaskId);
  }

  /** Skips the given tasks of this partition and, transitively, their descendants here and elsewhere. */
  private void skip(PartitionRecord partition, List<String> taskIds, String upstreamTaskId) {
    Deque<String> toSkip = new ArrayDeque<>(taskIds);
    long now = clock.getAsLong();
    while (!toSkip.isEmpty()) {
      TaskRecord task = tasks.get(partition.getJobId(), partition.getPartition(), toSkip.poll());
      // Only a waiting task can be a descendant of a failed one; anything else was reached before.
      if (task == null || task.getState() != TaskState.WAITING) {
        continue;
      }
      move(partition, task, TaskState.SKIPPED);
      task.setFinishedAt(now);
      task.setError("skipped: upstream task \"" + upstreamTaskId + "\" failed");
      tasks.put(partition.getJobId(), partition.getPartition(), task);
      Map<Integer, List<String>> remote = new TreeMap<>();
      for (TaskRef successor : task.getSuccessors()) {
        if (successor.getPartition() == partition.getPartition()) {
          toSkip.add(successor.getTaskId());
        } else {
          remote.computeIfAbsent(successor.getPartition(), p -> new ArrayList<>()).add(successor.getTaskId());
        }
      }
      String skippedId = task.getDefinition().getId();
      remote.forEach((target, successors) -> outbox.upstreamFailed(new UpstreamFailed(
          partition.getJobId(), target, skippedId, successors)));
    }
  }

  private void releaseSuccessors(PartitionRecord partition, TaskRecord task) {
    Map<Integer, List<String>> remote = new TreeMap<>();
    boolean produced = task.getOutput() != null;
    for (TaskRef successor : task.getSuccessors()) {
      if (successor.getPartition() == partition.getPartition()) {
        dependencyMet(partition, successor.getTaskId(), produced);
      } else {
        remote.computeIfAbsent(successor.getPartition(), p -> new ArrayList<>()).add(successor.getTaskId());
      }
    }
    remote.forEach((target, successors) -> outbox.upstreamCompleted(new UpstreamCompleted(
        partition.getJobId(), target, task.getDefinition().getId(), successors, task.getOutput())));
  }

  /** One of the task's dependencies succeeded; {@code produced}: it left a result for the task's inputs. */
  private void dependencyMet(PartitionRecord partition, String taskId, boolean produced) {
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

  private void makeReady(PartitionRecord partition, TaskRecord task) {
    TaskInputs.Gathered gathered = inputs.of(partition, task);
    if (gathered.problem() != null) {
      // No attempt could run it: it fails without one.
      long now = clock.getAsLong();
      task.setError(gathered.problem());
      finish(partition, task, new ExecutionPlacement("none", queueSite(task)), now, now, TaskState.FAILED);
      tasks.put(partition.getJobId(), partition.getPartition(), task);
      failTask(partition, task);
      return;
    }
    move(partition, task, TaskState.READY);
    task.setReadyAt(clock.getAsLong());
    tasks.put(partition.getJobId(), partition.getPartition(), task);
    dispatcher.ready(partition, task, queueSite(task), gathered.inputs());
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

  private void clearDeadline(PartitionRecord partition, TaskRecord task) {
    if (task.getDeadlineAt() != null) {
      timers.cancel(task.getDeadlineAt(), partition.getJobId(), partition.getPartition(), task.getDefinition().getId());
      task.setDeadlineAt(null);
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

  /** Stopped, or every task of the partition finished: it dispatches nothing more. */
  static boolean isOver(PartitionRecord partition) {
    return partition.getStopped() || TaskCountsMath.finished(partition.getCounts()) == partition.getTaskCount();
  }

  static boolean isFinished(TaskState state) {
    return state == TaskState.SUCCEEDED || state == TaskState.FAILED
        || state == TaskState.SKIPPED || state == TaskState.CANCELLED;
  }

  /** The site the task's current attempt runs at, where it holds (or waits for) a credit. */
  private String queueSite(TaskRecord task) {
    if (task.getAttemptSite() != null) {
      return task.getAttemptSite();
    }
    String site = task.getDefinition().getSite();
    return site != null ? site : defaultSite;
  }

  private int maxAttempts(TaskRecord task) {
    Integer declared = task.getDefinition().getMaxAttempts();
    return declared != null ? declared : defaultMaxAttempts;
  }

  private Backoff backoff(PartitionRecord partition, TaskRecord task) {
    return defaultBackoff.overriddenBy(partition.getRetry()).overriddenBy(task.getDefinition().getRetry());
  }

  private TaskRecord currentAttempt(TaskAttempt attempt) {
    TaskRecord task = tasks.get(attempt.getJobId(), attempt.getPartition(), attempt.getTaskId());
    return task != null && task.getAttempt() == attempt.getAttempt() ? task : null;
  }

  private PartitionRecord partitionOf(TaskAttempt attempt) {
    return partitions.get(partitionKey(attempt.getJobId(), attempt.getPartition()));
  }

  private void save(PartitionRecord partition) {
    dispatcher.eventEnded(partition, isOver(partition));
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
