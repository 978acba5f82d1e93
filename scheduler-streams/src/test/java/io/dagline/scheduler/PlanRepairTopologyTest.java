package io.dagline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import io.dagline.core.plan.PoolPlanning;
import io.dagline.core.plan.SubmissionPlanner;
import io.dagline.schemas.TaskDispatched;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A planned job's plan repairs itself live (decision 0029): a first attempt still queued at its planned site
 * well after its planned start moves to a site where it finishes sooner by the estimates, if that site has a
 * slot free and the partition a credit there; on time, nothing moves.
 *
 * <p>The job, on two sites of one slot and equal speed: a chain p (1 s) → q (5 s), r (9 s) and c (3 s). The plan
 * puts r alone on one site and p, q and then c (at 6 s) on the other.
 */
class PlanRepairTopologyTest {

  private static final String PLATFORM = SchedulerHarness.SITE + ":1:1.0,other:1:1.0";
  private static final PoolPlanning PLANNING = PoolPlanning.parse(PLATFORM, "science=dagline");
  private static final JobSpec JOB = new JobSpec("repair", "repair", "science", List.of(
      task("p", 1_000), task("q", 5_000, "p"), task("r", 9_000), task("c", 3_000)));

  private SchedulerHarness harness;
  private SubmissionPlanner.Plan plan;
  /** Every attempt dispatched so far, by task. */
  private final Map<String, List<TaskDispatched>> dispatched = new HashMap<>();
  /** Attempts dispatched and not yet looked at, by task. */
  private final Map<String, List<TaskDispatched>> unread = new HashMap<>();

  @BeforeEach
  void start() {
    plan = PLANNING.planFor(JOB).orElseThrow();
    assertThat(plan.siteByTask().get("c")).as("the premise: c is planned behind the chain, r alone")
        .isEqualTo(plan.siteByTask().get("q")).isEqualTo(plan.siteByTask().get("p"))
        .isNotEqualTo(plan.siteByTask().get("r"));
    assertThat(plan.startByTask()).containsEntry("c", 6.0);
    harness = new SchedulerHarness(SchedulerSettings.defaults().withPlanning(PLANNING));
    harness.executorJoins("executor-1", 1);
    harness.heartbeatAt("other", "remote-1", 1);
    harness.submit(JOB);
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldMoveATaskQueuedBehindALateChainToTheSiteLeftIdleWhereItFinishesSooner() {
    TaskDispatched p = next("p");
    TaskDispatched r = next("r");
    run(p, r);
    after(2);
    harness.complete(r, executorAt(r)); // r ends 7 s early: its site idles
    after(1);
    harness.complete(p, executorAt(p)); // p ends 2 s late, so q starts at 3 s instead of 1 s
    TaskDispatched q = next("q");
    run(q);

    after(4); // 7 s: c, planned at 6 s, still waits behind q, which ends at 8 s by its estimate
    assertThat(dispatchedSoFar("c")).as("c waits at its planned site until it is behind the plan").isEmpty();
    after(1);

    assertThat(dispatchedSoFar("c")).as("behind plan: c finishes at 11 s where r ran, at 11.5 s behind q")
        .singleElement().satisfies(moved -> {
          assertThat(moved.getSite()).isEqualTo(plan.siteByTask().get("r"));
          assertThat(moved.getAttempt().getAttempt()).as("the same first attempt, at another site").isEqualTo(1);
        });
  }

  @Test
  void shouldKeepEveryTaskAtItsPlannedSiteWhenTheRuntimesAreAsEstimated() {
    TaskDispatched p = next("p");
    TaskDispatched r = next("r");
    run(p, r);
    after(1);
    harness.complete(p, executorAt(p));
    TaskDispatched q = next("q");
    run(q);
    after(5);
    harness.complete(q, executorAt(q));
    TaskDispatched c = next("c");
    run(c);
    after(3);
    harness.complete(r, executorAt(r));
    harness.complete(c, executorAt(c));
    after(2);

    for (String id : List.of("p", "q", "r", "c")) {
      assertThat(dispatched.get(id)).as("task %s", id).singleElement()
          .extracting(TaskDispatched::getSite).isEqualTo(plan.siteByTask().get(id));
    }
  }

  @Test
  void shouldNotMoveATaskBehindPlanToASiteWhereItWouldFinishLater() {
    TaskDispatched p = next("p");
    TaskDispatched r = next("r");
    run(p, r);
    after(3);
    harness.complete(p, executorAt(p)); // p ends 2 s late and q with it; r runs on as estimated
    TaskDispatched q = next("q");
    run(q);
    after(6); // 9 s: c is behind plan, but r's site is busy until now and q ends at 8 s by its estimate

    assertThat(dispatchedSoFar("c")).as("q's site frees first by the estimates: c keeps its place").isEmpty();
    harness.complete(q, executorAt(q));
    assertThat(next("c").getSite()).isEqualTo(plan.siteByTask().get("c"));
  }

  @Test
  void shouldStartATaskThatBecomesReadyBehindPlanWhereASlotIsFreeRatherThanSendItToWaitAtItsFullSite() {
    JobSpec fork = new JobSpec("fork", "fork", "science", List.of(
        task("p", 1_000), task("q", 5_000, "p"), task("c", 3_000, "p"), task("r", 9_000)));
    SubmissionPlanner.Plan forkPlan = PLANNING.planFor(fork).orElseThrow();
    String chainSite = forkPlan.siteByTask().get("p");
    assertThat(forkPlan.siteByTask()).as("the premise: p, q and c planned on one site, r on the other")
        .containsEntry("q", chainSite).containsEntry("c", chainSite)
        .doesNotContainEntry("r", chainSite);
    harness.close();
    // Two credits per slot, as by default: a credit stays free at the chain's site while q runs there.
    harness = SchedulerHarness.asGiven(SchedulerSettings.defaults().withPipelining(2).withPlanning(PLANNING));
    harness.executorJoins("executor-1", 1);
    harness.heartbeatAt("other", "remote-1", 1);
    harness.submit(fork);
    TaskDispatched p = next("p");
    TaskDispatched r = next("r");
    run(p, r);
    after(2);
    harness.complete(r, executorAt(r)); // r ends 7 s early: its site idles
    after(6);
    harness.complete(p, executorAt(p)); // p ends at 8 s, 7 s late: q and c are ready behind the plan

    assertThat(next("q").getSite()).as("q's site is free when it is ready").isEqualTo(chainSite);
    assertThat(next("c").getSite()).as("c would wait 5 s behind q: it starts at once where r ran")
        .isEqualTo(forkPlan.siteByTask().get("r"));
  }

  @Test
  void shouldKeepARepairingPlansAttemptsInThePartitionUntilASlotIsFreeButSendAStaticPlansAhead() {
    String slowPlatform = SchedulerHarness.SITE + ":1:1.0,other:1:0.1";
    JobSpec pair = new JobSpec("pair", "pair", "science", List.of(task("a", 4_000), task("b", 4_000)));
    for (String policy : List.of("dagline", "dagline-static")) {
      PoolPlanning planning = PoolPlanning.parse(slowPlatform, "science=" + policy);
      assertThat(planning.planFor(pair).orElseThrow().siteByTask()).as("the premise: both planned at the fast site")
          .containsEntry("a", SchedulerHarness.SITE).containsEntry("b", SchedulerHarness.SITE);
      harness.close();
      harness = SchedulerHarness.asGiven(SchedulerSettings.defaults().withPipelining(2).withPlanning(planning));
      harness.executorJoins("executor-1", 1);
      harness.submit(pair);

      List<TaskDispatched> first = harness.dispatched();
      if (policy.equals("dagline")) {
        assertThat(first).as("one slot: b waits in the partition, where it could still move").hasSize(1);
        harness.complete(first.get(0), "executor-1");
        assertThat(harness.dispatched()).as("the slot took the next").hasSize(1);
      } else {
        assertThat(first).as("two credits for the slot: a static plan sends b ahead to the executors").hasSize(2);
      }
    }
  }

  /** Lets the scheduler's timers run for {@code seconds}, in steps of a tenth of a second. */
  private void after(int seconds) {
    for (int i = 0; i < seconds * 10; i++) {
      harness.advance(Duration.ofMillis(100));
    }
  }

  private void run(TaskDispatched... attempts) {
    for (TaskDispatched attempt : attempts) {
      harness.start(attempt, executorAt(attempt));
    }
  }

  private static String executorAt(TaskDispatched attempt) {
    return attempt.getSite().equals(SchedulerHarness.SITE) ? "executor-1" : "remote-1";
  }

  /** The attempt of {@code taskId} dispatched since the last look, at either site. */
  private TaskDispatched next(String taskId) {
    List<TaskDispatched> found = dispatchedSoFar(taskId);
    assertThat(found).as("%s dispatched", taskId).hasSize(1);
    return found.get(0);
  }

  /** The attempts of {@code taskId} dispatched at either site and not looked at before. */
  private List<TaskDispatched> dispatchedSoFar(String taskId) {
    List<TaskDispatched> all = new ArrayList<>(harness.dispatched());
    all.addAll(harness.dispatchedAt("other"));
    for (TaskDispatched attempt : all) {
      dispatched.computeIfAbsent(attempt.getAttempt().getTaskId(), id -> new ArrayList<>()).add(attempt);
      unread.computeIfAbsent(attempt.getAttempt().getTaskId(), id -> new ArrayList<>()).add(attempt);
    }
    List<TaskDispatched> found = unread.remove(taskId);
    return found == null ? List.of() : found;
  }

  private static TaskSpec task(String id, long runtimeMs, String... dependencies) {
    return new TaskSpec(id, "replay", Map.of(), List.of(dependencies), null, runtimeMs, null, null, List.of(), null,
        null);
  }
}
