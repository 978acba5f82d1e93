package io.dagline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import io.dagline.ingest.IngestSettings;
import io.dagline.ingest.TaskDefinitions;
import io.dagline.schemas.FailurePolicy;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.JobStopped;
import io.dagline.schemas.JobSubmitted;
import io.dagline.schemas.PartitionStatus;
import io.dagline.schemas.RetryPolicy;
import io.dagline.schemas.TaskDispatched;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.TaskStatusEntry;
import io.dagline.schemas.UpstreamFailed;
import io.dagline.scheduler.tracking.Backoff;
import io.dagline.topics.DaglineTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, failure propagation, cancellation, timeouts and poison records, without a broker. */
class LifecycleTopologyTest {

  private static final Backoff ONE_SECOND_DOUBLING = new Backoff(1_000, 2.0, 10_000);

  private SchedulerHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void shouldReleaseARetryOnlyAfterItsBackoffHasPassed() {
    harness = new SchedulerHarness(SchedulerSettings.defaults().withRetry(ONE_SECOND_DOUBLING));
    harness.executorJoins("executor-1", 4);
    harness.submit(job("backoff", task("flaky", "fail", 3, null)));

    harness.fail(harness.dispatched().get(0), "boom 1");
    harness.advance(Duration.ofMillis(700));
    assertThat(harness.dispatched()).as("jitter keeps the first delay within [800, 1000] ms").isEmpty();
    harness.advance(Duration.ofMillis(300));
    TaskDispatched second = harness.dispatched().get(0);
    assertThat(second.getAttempt().getAttempt()).isEqualTo(2);

    harness.fail(second, "boom 2");
    harness.advance(Duration.ofMillis(1_500));
    assertThat(harness.dispatched()).as("the second delay doubles: within [1600, 2000] ms").isEmpty();
    harness.advance(Duration.ofMillis(500));
    assertThat(harness.dispatched()).singleElement()
        .satisfies(third -> assertThat(third.getAttempt().getAttempt()).isEqualTo(3));
  }

  @Test
  void shouldShowATaskWaitingForItsRetryWithItsDueTimeAndLastError() {
    harness = new SchedulerHarness(SchedulerSettings.defaults().withRetry(new Backoff(60_000, 2.0, 60_000)));
    harness.executorJoins("executor-1", 4);
    harness.submit(job("waiting", task("flaky", "fail", 3, null)));
    long failedAt = harness.now().toEpochMilli();
    harness.fail(harness.dispatched().get(0), "disk full");

    TaskStatusEntry flaky = latestTask(harness.partitionStatuses(), "flaky");
    assertThat(flaky.getState()).isEqualTo(TaskState.WAITING);
    assertThat(flaky.getAttempt()).isEqualTo(2);
    assertThat(flaky.getError()).isEqualTo("disk full");
    assertThat(flaky.getRetryAt()).isBetween(failedAt + 48_000, failedAt + 60_000);
    assertThat(flaky.getPreviousAttempts()).as("the failed first attempt is kept for the attempt history")
        .singleElement().satisfies(first -> {
          assertThat(first.getAttempt()).isEqualTo(1);
          assertThat(first.getOutcome()).isEqualTo(TaskState.FAILED);
          assertThat(first.getError()).isEqualTo("disk full");
          assertThat(first.getFinishedAt()).isNotNull();
        });
  }

  @Test
  void shouldTakeTheRetryPolicyOfTheTaskOverTheJobsOverTheDefault() {
    harness = new SchedulerHarness(SchedulerSettings.defaults().withRetry(new Backoff(60_000, 2.0, 60_000)));
    harness.executorJoins("executor-1", 4);
    JobSubmitted submitted = submitted(job("policies", task("job-policy", "fail", 2, null), task("task-policy", "fail", 2, null)));
    submitted.setRetry(new RetryPolicy(5_000L, null, null));
    submitted.getTasks().get(1).setRetry(new RetryPolicy(0L, null, null));
    harness.submit(submitted);

    harness.dispatched().forEach(task -> harness.fail(task, "boom"));

    assertThat(ids(harness.dispatched())).as("no delay for the task's own policy").containsExactly("task-policy");
    harness.advance(Duration.ofSeconds(5));
    assertThat(ids(harness.dispatched())).as("the job's 5 s, not the default minute").containsExactly("job-policy");
  }

  @Test
  void shouldChangeNothingOnALateCompletionOfAnAttemptAlreadyRetried() {
    harness = new SchedulerHarness(SchedulerSettings.defaults().withRetry(new Backoff(0, 2.0, 0)));
    harness.executorJoins("executor-1", 4);
    harness.submit(job("late", task("a", "fail", 3, null), TaskSpec.of("b", "noop", List.of("a"))));
    TaskDispatched first = harness.dispatched().get(0);
    harness.fail(first, "lost contact");
    TaskDispatched second = harness.dispatched().get(0);
    JobStatusChanged before = harness.status("late");

    harness.complete(first);
    harness.complete(first);

    assertThat(harness.dispatched()).as("b still waits for a's current attempt").isEmpty();
    JobStatusChanged after = harness.status("late");
    assertThat(after.getCounts()).isEqualTo(before.getCounts());
    assertThat(after.getCounts().getSucceeded()).isZero();
    assertThat(latestTask(harness.partitionStatuses(), "a").getAttempt()).isEqualTo(2);

    harness.complete(second);
    assertThat(ids(harness.dispatched())).containsExactly("b");
  }

  @Test
  void shouldFailTheJobAndStopTheRestWhenATaskRunsOutOfAttempts() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.executorJoins("executor-1", 4);
    harness.submit(job("fail-job",
        task("bad", "fail", 1, null),
        TaskSpec.of("after-bad", "noop", List.of("bad")),
        TaskSpec.of("independent", "sleep", List.of())));
    List<TaskDispatched> first = harness.dispatched();
    assertThat(ids(first)).containsExactlyInAnyOrder("bad", "independent");

    harness.fail(byId(first, "bad"), "exit code 3");

    JobStatusChanged status = harness.status("fail-job");
    assertThat(status.getState()).isEqualTo(JobState.FAILED);
    assertThat(status.getFailedTaskId()).isEqualTo("bad");
    assertThat(status.getFailedAttempts()).isEqualTo(1);
    assertThat(status.getLastError()).isEqualTo("exit code 3");
    assertThat(status.getProblems()).singleElement().asString().contains("\"bad\" failed after 1 attempt: exit code 3");
    assertThat(status.getCounts().getFailed()).isEqualTo(1);
    assertThat(status.getCounts().getSkipped()).isEqualTo(2);
    assertThat(harness.cancellations()).singleElement()
        .satisfies(stop -> assertThat(stop.getOutcome()).isEqualTo(TaskState.SKIPPED));
    harness.complete(byId(first, "independent"));
    assertThat(harness.status("fail-job").getCounts().getSucceeded()).as("a stopped task stays stopped").isZero();
  }

  @Test
  void shouldSkipOnlyTheDescendantsAcrossPartitionsAndStillRunTheIndependentBranch() {
    SchedulerSettings settings = SchedulerSettings.defaults().withRetry(new Backoff(0, 1.0, 0));
    harness = new SchedulerHarness(new SchedulerSettings(
        new IngestSettings(IngestSettings.defaults().limits(), 10, 8, 1_000), "default", 4,
        Duration.ofMillis(250), Duration.ofSeconds(10), true, settings.retry(), Duration.ofMillis(100),
        Duration.ofSeconds(10), ExclusionSettings.defaults(), List.of(), SchedulerSettings.DEFAULT_PIPELINING,
        java.util.Map.of()));
    harness.executorJoins("executor-1", 8);
    // "bad" heads a chain of 20 descendants; "good" heads an independent chain of 20.
    List<TaskSpec> tasks = new ArrayList<>();
    tasks.add(task("bad", "fail", 2, null));
    tasks.add(TaskSpec.of("good", "noop", List.of()));
    for (int i = 0; i < 20; i++) {
      tasks.add(TaskSpec.of("bad-" + i, "noop", List.of(i == 0 ? "bad" : "bad-" + (i - 1))));
      tasks.add(TaskSpec.of("good-" + i, "noop", List.of(i == 0 ? "good" : "good-" + (i - 1))));
    }
    JobSubmitted submitted = submitted(new JobSpec("skip", "skip", null, tasks));
    submitted.setOnTaskFailure(FailurePolicy.SKIP_DESCENDANTS);
    harness.submit(submitted);

    Map<String, Integer> attempts = new HashMap<>();
    List<TaskDispatched> wave = harness.dispatched();
    while (!wave.isEmpty()) {
      for (TaskDispatched task : wave) {
        attempts.merge(task.getAttempt().getTaskId(), 1, Integer::sum);
        if (task.getAttempt().getTaskId().equals("bad")) {
          harness.fail(task, "always");
        } else {
          harness.complete(task);
        }
      }
      harness.advance(Duration.ofMillis(100));
      wave = harness.dispatched();
    }

    assertThat(attempts).containsEntry("bad", 2).doesNotContainKeys("bad-0", "bad-19").containsKey("good-19");
    assertThat(harness.forwardedEvents()).as("descendants in other partitions were told")
        .anyMatch(event -> event.getEvent() instanceof UpstreamFailed);
    JobStatusChanged status = harness.status("skip");
    assertThat(status.getState()).isEqualTo(JobState.FAILED);
    assertThat(status.getFailedTaskId()).isEqualTo("bad");
    assertThat(status.getFailedAttempts()).isEqualTo(2);
    assertThat(status.getCounts().getSucceeded()).isEqualTo(21);
    assertThat(status.getCounts().getFailed()).isEqualTo(1);
    assertThat(status.getCounts().getSkipped()).isEqualTo(20);
    assertThat(harness.cancellations()).as("nothing left to stop").isEmpty();
  }

  @Test
  void shouldSucceedUnderSkipDescendantsWhenNothingFails() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.executorJoins("executor-1", 4);
    JobSubmitted submitted = submitted(job("fine", TaskSpec.of("a", "noop", List.of()), TaskSpec.of("b", "noop", List.of("a"))));
    submitted.setOnTaskFailure(FailurePolicy.SKIP_DESCENDANTS);
    harness.submit(submitted);

    harness.runToCompletion();

    assertThat(harness.status("fine").getState()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void shouldCancelAJobDroppingItsQueuedTasksAndFreeingItsSlots() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.executorJoins("executor-1", 1);
    harness.submit(job("doomed", IntStream.range(0, 3).mapToObj(i -> TaskSpec.of("t" + i, "sleep", List.of()))
        .toArray(TaskSpec[]::new)));
    TaskDispatched running = harness.dispatched().get(0);
    harness.start(running);

    harness.cancel("doomed");

    JobStatusChanged status = harness.status("doomed");
    assertThat(status.getState()).isEqualTo(JobState.CANCELLED);
    assertThat(status.getCounts().getCancelled()).isEqualTo(3);
    assertThat(status.getFinishedAt()).isNotNull();
    List<JobStopped> stops = harness.cancellations();
    assertThat(stops).singleElement().satisfies(stop -> {
      assertThat(stop.getJobId()).isEqualTo("doomed");
      assertThat(stop.getOutcome()).isEqualTo(TaskState.CANCELLED);
    });
    assertThat(harness.dispatched()).as("queued tasks are dropped, not dispatched into the freed slot").isEmpty();

    harness.fail(running, "interrupted: job cancelled");
    harness.submit(job("next", TaskSpec.of("n", "noop", List.of())));
    assertThat(ids(harness.dispatched())).as("the slot and the queue are free again").containsExactly("n");
    assertThat(harness.status("doomed").getCounts().getCancelled()).isEqualTo(3);
  }

  @Test
  void shouldFailAJobWhoseLimitRanOutSkippingItsUnfinishedTasksWhateverItsFailurePolicy() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.executorJoins("executor-1", 1);
    JobSubmitted submitted = TaskDefinitions.toJobSubmitted(job("starved",
        TaskSpec.of("a", "sleep", List.of()), TaskSpec.of("b", "noop", List.of("a"))), 0);
    submitted.setOnTaskFailure(FailurePolicy.SKIP_DESCENDANTS);
    harness.submit(submitted);
    assertThat(ids(harness.dispatched())).containsExactly("a");

    harness.failByLimit("starved", "1 ready task waited 60 s at site \"gpu\"");

    JobStatusChanged status = harness.status("starved");
    assertThat(status.getState()).isEqualTo(JobState.FAILED);
    assertThat(status.getProblems()).containsExactly("failed: 1 ready task waited 60 s at site \"gpu\"");
    assertThat(status.getCancelRequestedAt()).as("not a cancellation").isNull();
    assertThat(harness.cancellations()).singleElement().satisfies(stop -> {
      assertThat(stop.getOutcome()).isEqualTo(TaskState.SKIPPED);
      assertThat(stop.getReason()).isEqualTo("job failed: 1 ready task waited 60 s at site \"gpu\"");
    });
    assertThat(harness.status("starved").getCounts().getSkipped()).as("every unfinished task").isEqualTo(2);
  }

  @Test
  void shouldAnswerACancellationOfAFinishedOrCancelledJobWithoutChangingIt() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.executorJoins("executor-1", 4);
    harness.submit(job("done", TaskSpec.of("a", "noop", List.of())));
    harness.runToCompletion();
    assertThat(harness.status("done").getState()).isEqualTo(JobState.SUCCEEDED);

    harness.cancel("done");
    harness.cancel("never-submitted");
    harness.submit(job("twice", TaskSpec.of("a", "sleep", List.of())));
    harness.cancel("twice");
    harness.cancel("twice");

    assertThat(harness.status("done").getState()).isEqualTo(JobState.SUCCEEDED);
    assertThat(harness.status("never-submitted")).isNull();
    assertThat(harness.status("twice").getState()).isEqualTo(JobState.CANCELLED);
    assertThat(harness.cancellations()).as("one stop per cancelled job").singleElement()
        .satisfies(stop -> assertThat(stop.getJobId()).isEqualTo("twice"));
  }

  @Test
  void shouldFailAndRetryARunningAttemptThatNeverReportsPastItsTimeout() {
    harness = new SchedulerHarness(SchedulerSettings.defaults().withRetry(new Backoff(0, 1.0, 0))
        .withTimeoutGrace(Duration.ofSeconds(2)));
    harness.executorJoins("executor-1", 4);
    harness.submit(job("hung", task("hangs", "sleep", 2, 1_000L)));
    TaskDispatched first = harness.dispatched().get(0);
    harness.start(first);

    harness.advance(Duration.ofMillis(2_500));
    assertThat(harness.dispatched()).as("timeout plus grace has not passed").isEmpty();
    harness.advance(Duration.ofMillis(600));

    assertThat(harness.dispatched()).singleElement()
        .satisfies(retry -> assertThat(retry.getAttempt().getAttempt()).isEqualTo(2));
    assertThat(latestTask(harness.partitionStatuses(), "hangs").getError()).contains("presumed lost");
  }

  @Test
  void shouldNotTimeOutAnAttemptThatReportedInTime() {
    harness = new SchedulerHarness(SchedulerSettings.defaults().withTimeoutGrace(Duration.ofSeconds(1)));
    harness.executorJoins("executor-1", 4);
    harness.submit(job("quick", task("q", "sleep", 2, 1_000L)));
    TaskDispatched first = harness.dispatched().get(0);
    harness.start(first);
    harness.complete(first);

    harness.advance(Duration.ofSeconds(5));

    assertThat(harness.dispatched()).isEmpty();
    assertThat(harness.status("quick").getState()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void shouldSendUndecodableRecordsOfEveryInputTopicToTheDeadLetterTopicAndCarryOn() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    List<String> inputs = List.of(DaglineTopics.JOB_COMMANDS, DaglineTopics.PARTITION_EVENTS, DaglineTopics.TASK_REPORTS,
        DaglineTopics.DISPATCH_EVENTS, DaglineTopics.JOB_EVENTS);

    inputs.forEach(topic -> harness.pipeGarbage(topic, "poison"));

    var letters = harness.deadLetters();
    assertThat(letters).extracting(letter -> SchedulerHarness.header(letter, "__streams.errors.topic"))
        .containsExactlyInAnyOrderElementsOf(inputs);
    assertThat(letters).allSatisfy(letter -> {
      assertThat(SchedulerHarness.header(letter, "__streams.errors.message")).contains("cannot decode");
      assertThat(letter.value()).containsExactly(0x42, 0x13, 0x37, 0x00, 0x01);
    });
    harness.executorJoins("executor-1", 4);
    harness.submit(job("after-poison", TaskSpec.of("a", "noop", List.of())));
    harness.runToCompletion();
    assertThat(harness.status("after-poison").getState()).isEqualTo(JobState.SUCCEEDED);
  }

  private static TaskSpec task(String id, String function, Integer maxAttempts, Long timeoutMs) {
    return new TaskSpec(id, function, Map.of(), List.of(), null, null, timeoutMs, maxAttempts, List.of(), null, null);
  }

  private static JobSpec job(String id, TaskSpec... tasks) {
    return new JobSpec(id, id, null, List.of(tasks));
  }

  private JobSubmitted submitted(JobSpec job) {
    return TaskDefinitions.toJobSubmitted(job, harness.now().toEpochMilli());
  }

  private static List<String> ids(List<TaskDispatched> tasks) {
    return tasks.stream().map(t -> t.getAttempt().getTaskId()).toList();
  }

  private static TaskDispatched byId(List<TaskDispatched> tasks, String id) {
    return tasks.stream().filter(t -> t.getAttempt().getTaskId().equals(id)).findFirst().orElseThrow();
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
