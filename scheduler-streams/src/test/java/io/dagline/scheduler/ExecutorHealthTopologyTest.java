package io.dagline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.DataRef;
import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import io.dagline.core.plan.PoolPlanning;
import io.dagline.schemas.JobState;
import io.dagline.schemas.PartitionStatus;
import io.dagline.schemas.TaskDispatched;
import io.dagline.schemas.TaskStatusEntry;
import io.dagline.scheduler.tracking.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lost executors (heartbeats stop) and exclusion of executors and sites after failures, without a broker. */
class ExecutorHealthTopologyTest {

  private static final Duration EXECUTOR_TIMEOUT = Duration.ofSeconds(3);
  private static final SchedulerSettings SETTINGS = SchedulerSettings.defaults()
      .withRetry(new Backoff(0, 1.0, 0))
      .withExecutorTimeout(EXECUTOR_TIMEOUT)
      .withExclusion(new ExclusionSettings(true, 2, Duration.ofMinutes(10), Duration.ofMinutes(1), 2));

  private SchedulerHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void shouldFailAndRetryTheRunningAttemptsOfAnExecutorThatStoppedHeartbeating() {
    harness = new SchedulerHarness(SETTINGS);
    harness.executorJoins("executor-1", 1);
    harness.executorJoins("executor-2", 1);
    harness.submit(job("lost", task("a", 3, null), TaskSpec.of("b", "noop", List.of("a"))));
    TaskDispatched first = harness.dispatched().get(0);
    harness.start(first, "executor-1");
    harness.heartbeat("executor-1", 1, List.of(first));

    for (int second = 0; second < 4; second++) {
      harness.advance(Duration.ofSeconds(1));
      harness.executorJoins("executor-2", 1); // only executor-2 keeps heartbeating
    }

    TaskDispatched retry = harness.dispatched().get(0);
    assertThat(retry.getAttempt().getAttempt()).isEqualTo(2);
    assertThat(retry.getExcludedExecutors()).as("a lost executor is not a failing one").isEmpty();
    TaskStatusEntry a = latestTask(harness.partitionStatuses(), "a");
    assertThat(a.getAttempt()).isEqualTo(2);
    assertThat(a.getError()).startsWith("executor executor-1 lost: no heartbeat for");

    // The lost executor comes back and reports the old attempt: nothing changes.
    harness.complete(first, "executor-1");
    harness.complete(first, "executor-1");
    assertThat(harness.dispatched()).as("b waits for a's current attempt").isEmpty();
    assertThat(harness.status("lost").getCounts().getSucceeded()).isZero();

    harness.start(retry, "executor-2");
    harness.complete(retry, "executor-2");
    harness.runToCompletion();
    assertThat(harness.status("lost").getState()).isEqualTo(JobState.SUCCEEDED);
    assertThat(harness.status("lost").getCounts().getSucceeded()).isEqualTo(2);
  }

  @Test
  void shouldLeaveAnAttemptAloneThatMovedToAnotherExecutorBeforeItsFirstWasDeclaredLost() {
    harness = new SchedulerHarness(SETTINGS);
    harness.executorJoins("executor-1", 1);
    harness.executorJoins("executor-2", 1);
    harness.submit(job("moved", task("a", 3, null)));
    TaskDispatched first = harness.dispatched().get(0);
    harness.start(first, "executor-1");
    harness.heartbeat("executor-1", 1, List.of(first));
    harness.start(first, "executor-2"); // the share lock expired: the same attempt runs elsewhere

    for (int second = 0; second < 4; second++) {
      harness.advance(Duration.ofSeconds(1));
      harness.heartbeat("executor-2", 1, List.of(first));
    }

    assertThat(harness.dispatched()).isEmpty();
    assertThat(latestTask(harness.partitionStatuses(), "a").getExecutorId()).isEqualTo("executor-2");
    harness.complete(first, "executor-2");
    assertThat(harness.status("moved").getState()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void shouldKeepARunLostWithItsExecutorInTheAttemptHistory() {
    harness = new SchedulerHarness(SETTINGS);
    harness.executorJoins("executor-1", 1);
    harness.executorJoins("executor-2", 1);
    harness.submit(job("killed-run", task("a", 3, null), task("b", 3, null)));
    List<TaskDispatched> dispatched = harness.dispatched();
    TaskDispatched a = dispatched.stream().filter(t -> t.getAttempt().getTaskId().equals("a")).findFirst().orElseThrow();
    TaskDispatched b = dispatched.stream().filter(t -> t.getAttempt().getTaskId().equals("b")).findFirst().orElseThrow();
    harness.start(a, "executor-1");
    harness.start(b, "executor-1");
    // executor-1 is killed; the share locks expire and executor-2 runs both attempts again: "a" long enough
    // to report its start, "b" so briefly that only its completion tells (before executor-1 is declared lost).
    harness.advance(Duration.ofSeconds(1));
    harness.start(a, "executor-2");
    harness.complete(a, "executor-2");
    harness.complete(b, "executor-2");

    List<PartitionStatus> statuses = harness.partitionStatuses();
    for (String id : List.of("a", "b")) {
      TaskStatusEntry task = latestTask(statuses, id);
      assertThat(task.getExecutorId()).isEqualTo("executor-2");
      assertThat(task.getPreviousAttempts()).singleElement().satisfies(lost -> {
        assertThat(lost.getExecutorId()).isEqualTo("executor-1");
        assertThat(lost.getAttempt()).isEqualTo(1);
        assertThat(lost.getError()).contains("lost on executor executor-1").contains("executor-2");
        assertThat(lost.getFinishedAt()).isNotNull();
      });
    }
  }

  @Test
  void shouldRetryAtOnceTheAttemptsAnExecutorCouldNotFinishBeforeItStopped() {
    harness = new SchedulerHarness(SETTINGS);
    harness.executorJoins("executor-1", 1);
    harness.executorJoins("executor-2", 1);
    harness.submit(job("stopping", task("a", 3, null)));
    TaskDispatched first = harness.dispatched().get(0);
    harness.start(first, "executor-1");

    harness.stops("executor-1", List.of(first));

    assertThat(harness.dispatched()).singleElement()
        .satisfies(retry -> assertThat(retry.getAttempt().getAttempt()).isEqualTo(2));
    assertThat(latestTask(harness.partitionStatuses(), "a").getError())
        .isEqualTo("executor executor-1 lost: it stopped while running the attempt");
  }

  @Test
  void shouldNotBlameExecutorsForASilenceThatWasTheSchedulersOwnStall() {
    harness = new SchedulerHarness(SETTINGS);
    harness.executorJoins("executor-1", 1);
    harness.submit(job("stalled", task("a", 3, null)));
    TaskDispatched first = harness.dispatched().get(0);
    harness.start(first, "executor-1");
    harness.heartbeat("executor-1", 1, List.of(first));
    harness.advance(Duration.ofSeconds(1));

    harness.advance(Duration.ofSeconds(10)); // no check ran for 10 s: the scheduler stalled
    assertThat(latestTask(harness.partitionStatuses(), "a").getAttempt()).as("not failed after the stall").isEqualTo(1);

    for (int second = 0; second < 4; second++) { // checks run again; executor-1 stays silent
      harness.executorJoins("executor-2", 1);
      harness.advance(Duration.ofSeconds(1));
    }
    assertThat(harness.dispatched()).singleElement()
        .satisfies(retry -> assertThat(retry.getAttempt().getAttempt()).isEqualTo(2));
  }

  @Test
  void shouldNotDeclareAnExecutorLostThatKeepsHeartbeating() {
    harness = new SchedulerHarness(SETTINGS);
    harness.executorJoins("executor-1", 1);
    harness.submit(job("alive", task("a", 3, null)));
    TaskDispatched first = harness.dispatched().get(0);
    harness.start(first, "executor-1");
    for (int second = 0; second < 10; second++) {
      harness.advance(Duration.ofSeconds(1));
      harness.heartbeat("executor-1", 1, List.of(first));
    }
    assertThat(harness.dispatched()).isEmpty();
    assertThat(latestTask(harness.partitionStatuses(), "a").getAttempt()).isEqualTo(1);
  }

  @Test
  void shouldNameTheExecutorATaskFailedOnInItsNextAttemptsUnlessNoOtherExecutorIsLeft() {
    harness = new SchedulerHarness(SETTINGS);
    harness.executorJoins("executor-1", 2);
    harness.executorJoins("executor-2", 2);
    harness.submit(job("exclude", task("a", 4, null)));

    harness.fail(harness.dispatched().get(0), "executor-1", "bad disk");
    TaskDispatched second = harness.dispatched().get(0);
    assertThat(second.getAttempt().getAttempt()).isEqualTo(2);
    assertThat(second.getExcludedExecutors()).containsExactly("executor-1");

    harness.fail(second, "executor-2", "bad disk too");
    TaskDispatched third = harness.dispatched().get(0);
    assertThat(third.getExcludedExecutors()).as("excluding both would leave the site no executor for it").isEmpty();
  }

  @Test
  void shouldExcludeAnExecutorOnWhichTwoTasksFailedForEverythingUntilTheExclusionEnds() {
    harness = new SchedulerHarness(SETTINGS);
    harness.executorJoins("executor-1", 2);
    harness.executorJoins("executor-2", 2);
    harness.submit(job("first", task("x", 2, null), task("y", 2, null)));
    List<TaskDispatched> failing = harness.dispatched();
    failing.forEach(task -> harness.fail(task, "executor-1", "broken executor"));
    List<TaskDispatched> retries = harness.dispatched();
    assertThat(retries).hasSize(2)
        .allSatisfy(task -> assertThat(task.getExcludedExecutors()).containsExactly("executor-1"));

    harness.submit(job("second", TaskSpec.of("p", "noop", List.of()), TaskSpec.of("q", "noop", List.of()),
        TaskSpec.of("r", "noop", List.of()), TaskSpec.of("s", "noop", List.of())));
    List<TaskDispatched> shared = harness.dispatched();
    assertThat(shared).as("executor-1's slots no longer count: executor-2's two credits are shared by both jobs")
        .hasSize(1);
    retries.forEach(task -> harness.complete(task, "executor-2"));
    List<TaskDispatched> fresh = new java.util.ArrayList<>(shared);
    fresh.addAll(harness.dispatched());
    assertThat(fresh).as("the first job is over: the second holds both credits").hasSize(2)
        .allSatisfy(task -> assertThat(task.getExcludedExecutors()).as("excluded for every task").containsExactly("executor-1"));

    for (int i = 0; i < 13; i++) { // past the one-minute exclusion, both executors heartbeating
      harness.advance(Duration.ofSeconds(5));
      harness.executorJoins("executor-1", 2);
      harness.executorJoins("executor-2", 2);
    }
    List<TaskDispatched> afterExclusion = harness.dispatched();
    assertThat(afterExclusion).as("executor-1's slots count again").hasSize(2)
        .allSatisfy(task -> assertThat(task.getExcludedExecutors()).isEmpty());
  }

  @Test
  void shouldMoveATaskThatKeepsFailingAtItsSiteToAnotherUnlessItsDataPinsIt() {
    harness = new SchedulerHarness(SETTINGS.withSites(List.of("other")));
    harness.executorJoins("executor-1", 4);
    harness.executorJoins("executor-2", 4);
    harness.heartbeatAt("other", "remote-1", 4);
    TaskSpec movable = task("movable", 4, null);
    TaskSpec pinned = new TaskSpec("pinned", "fail", Map.of(), List.of(), null, null, null, 4,
        List.of(new DataRef("s3://bucket/input", 1_000, "default", true)), null, null);
    harness.submit(job("sites", movable, pinned));

    failBothTasksTwiceAtTheSite();

    assertThat(ids(harness.dispatched())).as("pinned by immovable data").containsExactly("pinned");
    List<TaskDispatched> moved = harness.dispatchedAt("other");
    assertThat(moved).singleElement().satisfies(task -> {
      assertThat(task.getAttempt().getTaskId()).isEqualTo("movable");
      assertThat(task.getAttempt().getAttempt()).isEqualTo(3);
      assertThat(task.getSite()).isEqualTo("other");
    });
    harness.complete(moved.get(0), "remote-1");
    assertThat(latestTask(harness.partitionStatuses(), "movable").getState().name()).isEqualTo("SUCCEEDED");
  }

  @Test
  void shouldMoveAPlannedTaskThatKeepsFailingAtItsPlannedSiteButNotOneThatNamesItsSite() {
    // "other" is known from the planning platform alone: slower, so the plan puts both tasks at the harness's site
    harness = new SchedulerHarness(SETTINGS
        .withPlanning(PoolPlanning.parse(SchedulerHarness.SITE + ":4:1.0,other:4:0.5", "science=dagline")));
    harness.executorJoins("executor-1", 4);
    harness.executorJoins("executor-2", 4);
    harness.heartbeatAt("other", "remote-1", 4);
    TaskSpec planned = task("planned", 4, null);
    TaskSpec named = new TaskSpec("named", "fail", Map.of(), List.of(), null, null, null, 4, List.of(), null,
        SchedulerHarness.SITE);
    harness.submit(new JobSpec("plan", "plan", "science", List.of(planned, named)));

    failBothTasksTwiceAtTheSite();

    assertThat(ids(harness.dispatched())).as("the site it names pins it").containsExactly("named");
    List<TaskDispatched> moved = harness.dispatchedAt("other");
    assertThat(moved).as("the plan's site does not").singleElement().satisfies(task -> {
      assertThat(task.getAttempt().getTaskId()).isEqualTo("planned");
      assertThat(task.getAttempt().getAttempt()).isEqualTo(3);
    });
    harness.complete(moved.get(0), "remote-1");
    assertThat(latestTask(harness.partitionStatuses(), "planned").getState().name()).isEqualTo("SUCCEEDED");
  }

  /** Both tasks dispatched at the harness's site, failed there twice: first on executor-1, then on executor-2. */
  private void failBothTasksTwiceAtTheSite() {
    for (int attempt = 1; attempt <= 2; attempt++) {
      List<TaskDispatched> wave = harness.dispatched();
      assertThat(wave).as("attempt %d of both tasks at the site", attempt).hasSize(2);
      String executor = attempt == 1 ? "executor-1" : "executor-2";
      wave.forEach(task -> harness.fail(task, executor, "site down"));
    }
  }

  private static TaskSpec task(String id, Integer maxAttempts, Long timeoutMs) {
    return new TaskSpec(id, "fail", Map.of(), List.of(), null, null, timeoutMs, maxAttempts, List.of(), null, null);
  }

  private static JobSpec job(String id, TaskSpec... tasks) {
    return new JobSpec(id, id, null, List.of(tasks));
  }

  private static List<String> ids(List<TaskDispatched> tasks) {
    return tasks.stream().map(t -> t.getAttempt().getTaskId()).toList();
  }

  private static TaskStatusEntry latestTask(List<PartitionStatus> statuses, String taskId) {
    TaskStatusEntry found = null;
    for (PartitionStatus status : statuses) {
      for (TaskStatusEntry task : status.getTasks()) {
        if (task.getTaskId().equals(taskId)) {
          found = task;
        }
      }
    }
    return found;
  }
}
