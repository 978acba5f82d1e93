package io.dagline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import io.dagline.ingest.IngestSettings;
import io.dagline.schemas.JobState;
import io.dagline.schemas.TaskDispatched;
import io.dagline.schemas.TaskOutput;
import io.dagline.schemas.TaskResult;
import io.dagline.scheduler.tracking.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Results: kept with the task, published for the API, and handed to successors as inputs, across partitions too. */
class ResultsTopologyTest {

  private SchedulerHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void shouldHandEachSuccessorItsDependenciesResultsAndPublishThem() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.executorJoins("executor-1", 4);
    harness.submit(new JobSpec("diamond", "diamond", null, List.of(
        TaskSpec.of("a", "noop", List.of()),
        TaskSpec.of("b", "noop", List.of("a")),
        TaskSpec.of("c", "noop", List.of("a")),
        TaskSpec.of("d", "noop", List.of("b", "c")))));

    TaskDispatched a = only(harness.dispatched());
    assertThat(a.getInputs()).isEmpty();
    harness.completeWith(a, "1");
    List<TaskDispatched> bc = harness.dispatched();
    assertThat(bc).hasSize(2).allSatisfy(task -> assertThat(task.getInputs()).containsOnlyKeys("a")
        .containsEntry("a", new TaskOutput("1", null)));
    harness.completeWith(byId(bc, "b"), "2");
    harness.complete(byId(bc, "c")); // produces nothing: absent from d's inputs
    TaskDispatched d = only(harness.dispatched());
    assertThat(d.getInputs()).containsOnlyKeys("b").containsEntry("b", new TaskOutput("2", null));

    List<TaskResult> results = harness.results();
    assertThat(results).extracting(TaskResult::getTaskId).containsExactly("a", "b");
    assertThat(results.get(1).getOutput().getResult()).isEqualTo("2");
    assertThat(results.get(1).getAttempt()).isEqualTo(1);
  }

  @Test
  void shouldCarryResultsAcrossGraphPartitions() {
    harness = new SchedulerHarness(smallPartitions());
    harness.executorJoins("executor-1", 4);
    List<TaskSpec> chain = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      chain.add(TaskSpec.of("t" + i, "noop", i == 0 ? List.of() : List.of("t" + (i - 1))));
    }
    harness.submit(new JobSpec("chain", "chain", null, chain));

    int partitionsSeen = 0;
    int lastPartition = -1;
    for (int i = 0; i < 20; i++) {
      TaskDispatched task = only(harness.dispatched());
      assertThat(task.getAttempt().getTaskId()).isEqualTo("t" + i);
      if (i > 0) {
        assertThat(task.getInputs()).as("inputs of t" + i)
            .isEqualTo(Map.of("t" + (i - 1), new TaskOutput(Integer.toString(i - 1), null)));
      }
      if (task.getAttempt().getPartition() != lastPartition) {
        partitionsSeen++;
        lastPartition = task.getAttempt().getPartition();
      }
      harness.completeWith(task, Integer.toString(i));
    }
    assertThat(partitionsSeen).as("the chain crosses graph partitions").isGreaterThan(1);
    assertThat(harness.status("chain").getState()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void shouldFailATaskAtOnceOnAFailureNoRetryCanMend() {
    harness = new SchedulerHarness(SchedulerSettings.defaults().withRetry(new Backoff(0, 1.0, 0)));
    harness.executorJoins("executor-1", 4);
    harness.submit(new JobSpec("refused", "refused", null, List.of(TaskSpec.of("call", "http", List.of()))));

    harness.failFinally(only(harness.dispatched()), "HTTP 400 from http://127.0.0.1/f: bad request");

    assertThat(harness.dispatched()).as("no second attempt").isEmpty();
    assertThat(harness.status("refused").getState()).isEqualTo(JobState.FAILED);
  }

  private static SchedulerSettings smallPartitions() {
    SchedulerSettings defaults = SchedulerSettings.defaults();
    return new SchedulerSettings(new IngestSettings(IngestSettings.defaults().limits(), 10, 8, 1_000), "default", 4,
        Duration.ofMillis(250), Duration.ofSeconds(10), true, defaults.retry(), Duration.ofMillis(100),
        Duration.ofSeconds(10), ExclusionSettings.defaults(), List.of(), 1, Map.of());
  }

  private static TaskDispatched only(List<TaskDispatched> tasks) {
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  private static TaskDispatched byId(List<TaskDispatched> tasks, String id) {
    return tasks.stream().filter(task -> task.getAttempt().getTaskId().equals(id)).findFirst().orElseThrow();
  }
}
