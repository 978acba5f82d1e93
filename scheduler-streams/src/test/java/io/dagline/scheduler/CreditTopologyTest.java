package io.dagline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.credits.CreditDivision.PoolShare;
import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import io.dagline.schemas.CreditsGranted;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.TaskDispatched;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatch credits of the one-stage dispatch (decision 0017): a partition dispatches only within its
 * grant from the site coordinator, an ended attempt returns exactly one credit to its partition, a lost
 * executor's attempts give theirs back, and the coordinator re-divides a site's credits between pools.
 */
class CreditTopologyTest {

  private SchedulerHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void shouldNeverDispatchMoreThanTheGrantOfSlotsTimesThePipeliningFactor() {
    harness = SchedulerHarness.asGiven(SchedulerSettings.defaults().withPipelining(2));
    harness.executorJoins("executor-1", 3);

    harness.submit(wide("wide", null, 20));

    List<TaskDispatched> first = harness.dispatched();
    assertThat(first).as("3 slots × 2 credits each").hasSize(6);
    assertThat(grants()).last().extracting(CreditsGranted::getCredits).isEqualTo(6);
    harness.complete(first.get(0));
    assertThat(harness.dispatched()).as("one completion returns exactly one credit").hasSize(1);
    harness.complete(first.get(1));
    harness.complete(first.get(2));
    assertThat(harness.dispatched()).as("two more, two more").hasSize(2);
  }

  @Test
  void shouldDispatchTheNextTaskOfAChainInTheStepThatHearsTheCompletionWithoutAskingTheCoordinator() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.executorJoins("executor-1", 1);
    harness.submit(new JobSpec("chain", "chain", null, IntStream.range(0, 5)
        .mapToObj(i -> TaskSpec.of("c" + i, "noop", i == 0 ? List.of() : List.of("c" + (i - 1)))).toList()));
    TaskDispatched next = harness.dispatched().get(0);
    grants(); // the first grant, asked for by the first ready task

    for (int i = 1; i < 5; i++) {
      harness.complete(next);
      List<TaskDispatched> dispatched = harness.dispatched();
      assertThat(dispatched).singleElement().extracting(task -> task.getAttempt().getTaskId()).isEqualTo("c" + i);
      next = dispatched.get(0);
    }
    assertThat(grants()).as("the partition's demand stayed at one: nothing to re-divide").isEmpty();
  }

  @Test
  void shouldGiveALostExecutorsCreditsBackToThePartitionsThatHeldThem() {
    harness = new SchedulerHarness(SchedulerSettings.defaults().withRetry(new io.dagline.scheduler.tracking.Backoff(0, 1.0, 0)));
    harness.executorJoins("executor-1", 2);
    harness.submit(wide("lost", null, 4));
    List<TaskDispatched> running = harness.dispatched();
    assertThat(running).hasSize(2);
    running.forEach(task -> harness.start(task, "executor-1"));
    harness.heartbeat("executor-1", 2, running);

    harness.executorJoins("executor-2", 2); // a second executor: the grant grows to four
    assertThat(harness.dispatched()).hasSize(2);
    for (int second = 0; second < 12; second++) {
      harness.advance(Duration.ofSeconds(1));
      harness.executorJoins("executor-2", 2); // executor-1 falls silent and is lost
    }

    // Its two attempts failed and were retried: the partition holds two credits again (of two now).
    List<TaskDispatched> retried = harness.dispatched();
    assertThat(retried).hasSize(2).allSatisfy(task -> assertThat(task.getAttempt().getAttempt()).isEqualTo(2));
  }

  @Test
  void shouldReDivideASitesCreditsByPoolWeightWhenAnotherPoolArrives() {
    harness = new SchedulerHarness(SchedulerSettings.defaults()
        .withPoolShares(Map.of("batch", new PoolShare(1, 0), "interactive", new PoolShare(3, 0))));
    harness.executorJoins("executor-1", 8);
    harness.submit(wide("batch-job", "batch", 30));
    List<TaskDispatched> batch = harness.dispatched();
    assertThat(batch).as("alone, the batch pool has all 8 credits").hasSize(8);

    harness.submit(wide("interactive-job", "interactive", 30));
    List<TaskDispatched> interactive = harness.dispatched();
    assertThat(interactive).as("weight 3 of 4: 6 credits").hasSize(6)
        .allSatisfy(task -> assertThat(task.getAttempt().getJobId()).isEqualTo("interactive-job"));

    batch.forEach(harness::complete);
    List<TaskDispatched> afterwards = harness.dispatched();
    assertThat(afterwards).as("the batch pool is back to its 2 credits").hasSize(2)
        .allSatisfy(task -> assertThat(task.getAttempt().getJobId()).isEqualTo("batch-job"));
  }

  private List<CreditsGranted> grants() {
    return harness.forwardedEvents().stream().map(PartitionEvent::getEvent)
        .filter(CreditsGranted.class::isInstance).map(CreditsGranted.class::cast).toList();
  }

  private static JobSpec wide(String id, String pool, int tasks) {
    return new JobSpec(id, id, pool, IntStream.range(0, tasks).mapToObj(i -> TaskSpec.of("t" + i, "noop", List.of())).toList());
  }
}
