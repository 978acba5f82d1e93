package io.dagline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import io.dagline.ingest.IngestSettings;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.TaskDispatched;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.UpstreamCompleted;
import io.dagline.serde.InMemorySchemaCatalog;
import io.dagline.serde.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import io.dagline.core.plan.PoolPlanning;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerTopologyTest {

  private SchedulerHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void shouldKeepItsShapeOfFourSubTopologiesAndEightStores() {
    TopologyDescription description = SchedulerTopology
        .build(SchedulerSettings.defaults(), WireFormat.singleObject(new InMemorySchemaCatalog()))
        .describe();

    assertThat(description.subtopologies()).hasSize(4);
    Set<String> stores = new HashSet<>();
    description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
      if (node instanceof TopologyDescription.Processor processor) {
        stores.addAll(processor.stores());
      }
    }));
    assertThat(stores).containsExactlyInAnyOrder(StoreNames.TASKS, StoreNames.PARTITIONS,
        StoreNames.STATUS_PENDING, StoreNames.TIMERS, StoreNames.DISPATCH_QUEUE, StoreNames.UPSTREAM_RESULTS, StoreNames.SITES, StoreNames.JOBS);
  }

  @Test
  void shouldRunADiamondInDependencyOrderAndSucceed() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.executorJoins("executor-1", 4);

    harness.submit(job("diamond",
        TaskSpec.of("a", "noop", List.of()),
        TaskSpec.of("b", "noop", List.of("a")),
        TaskSpec.of("c", "noop", List.of("a")),
        TaskSpec.of("d", "noop", List.of("b", "c"))));

    List<TaskDispatched> first = harness.dispatched();
    assertThat(ids(first)).containsExactly("a");
    harness.complete(first.get(0));
    List<TaskDispatched> second = harness.dispatched();
    assertThat(ids(second)).containsExactlyInAnyOrder("b", "c");
    harness.complete(second.get(0));
    assertThat(harness.dispatched()).as("d waits for both b and c").isEmpty();
    harness.complete(second.get(1));
    List<TaskDispatched> third = harness.dispatched();
    assertThat(ids(third)).containsExactly("d");
    harness.complete(third.get(0));

    JobStatusChanged status = harness.status("diamond");
    assertThat(status.getState()).isEqualTo(JobState.SUCCEEDED);
    assertThat(status.getCounts().getSucceeded()).isEqualTo(4);
    assertThat(status.getFinishedAt()).isNotNull();
  }

  @Test
  void shouldReleaseNoMoreTasksThanTheSiteHasFreeSlots() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.submit(job("wide", IntStream.range(0, 5)
        .mapToObj(i -> TaskSpec.of("t" + i, "noop", List.of())).toArray(TaskSpec[]::new)));

    assertThat(harness.dispatched()).as("no executor, no slot").isEmpty();
    harness.executorJoins("executor-1", 2);
    List<TaskDispatched> firstTwo = harness.dispatched();
    assertThat(firstTwo).hasSize(2);
    harness.complete(firstTwo.get(0));
    assertThat(harness.dispatched()).as("one slot came back").hasSize(1);
  }

  @Test
  void shouldDispatchAPlannedPoolsTasksByUpwardRankAndOthersInArrivalOrder() {
    harness = new SchedulerHarness(SchedulerSettings.defaults()
        .withPlanning(PoolPlanning.parse(SchedulerHarness.SITE + ":1:1.0", "science=dagline")));
    // x and y are both ready at once; y heads a longer path (y then z), so its upward rank is higher. The
    // site's one credit goes to the job whose demand came first, until it is over.
    harness.submit(new JobSpec("ranked", "ranked", "science", rankedPair()));
    harness.submit(new JobSpec("fifo", "fifo", null, rankedPair()));

    harness.executorJoins("executor-1", 1);
    TaskDispatched first = harness.dispatched().get(0);
    assertThat(first.getAttempt().getJobId()).isEqualTo("ranked");
    assertThat(first.getAttempt().getTaskId()).as("the planned pool's critical task first").isEqualTo("y");
    harness.complete(first);
    TaskDispatched second = harness.dispatched().get(0);
    assertThat(second.getAttempt().getTaskId()).as("z, made ready by y, continues the critical path").isEqualTo("z");
    harness.complete(second);
    TaskDispatched third = harness.dispatched().get(0);
    assertThat(third.getAttempt().getTaskId()).isEqualTo("x");
    harness.complete(third);
    List<String> fifoOrder = new java.util.ArrayList<>();
    for (TaskDispatched next = harness.dispatched().get(0); ; next = harness.dispatched().get(0)) {
      if (next.getAttempt().getJobId().equals("fifo")) {
        fifoOrder.add(next.getAttempt().getTaskId());
      }
      harness.complete(next);
      if (fifoOrder.size() == 2) {
        break;
      }
    }
    assertThat(fifoOrder).as("a pool that is not planned: first come, first served").containsExactly("x", "y");
  }

  private static List<TaskSpec> rankedPair() {
    return List.of(
        new TaskSpec("x", "noop", null, List.of(), null, 1_000L, null, null, null, null, null),
        new TaskSpec("y", "noop", null, List.of(), null, 1_000L, null, null, null, null, null),
        new TaskSpec("z", "noop", null, List.of("y"), null, 5_000L, null, null, null, null, null));
  }

  @Test
  void shouldIgnoreADuplicateCompletionOfTheSameAttempt() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.executorJoins("executor-1", 4);
    harness.submit(job("dup", TaskSpec.of("a", "noop", List.of()), TaskSpec.of("b", "noop", List.of("a"))));

    TaskDispatched a = harness.dispatched().get(0);
    harness.complete(a);
    harness.complete(a);

    assertThat(ids(harness.dispatched())).as("b is released once").containsExactly("b");
    JobStatusChanged status = harness.status("dup");
    assertThat(status.getCounts().getSucceeded()).isEqualTo(1);
    assertThat(status.getCounts().getReady()).isEqualTo(1);
  }

  @Test
  void shouldRetryAFailedAttemptAndFailTheJobWhenAttemptsRunOut() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.executorJoins("executor-1", 4);
    TaskSpec flaky = new TaskSpec("flaky", "fail", Map.of(), List.of(), null, null, null, 2, List.of(), null, null);
    harness.submit(job("retry", flaky, TaskSpec.of("after", "noop", List.of("flaky"))));

    TaskDispatched first = harness.dispatched().get(0);
    harness.fail(first, "boom 1");
    harness.advance(Duration.ofMillis(SchedulerSettings.defaults().retry().initialIntervalMs()));
    TaskDispatched second = harness.dispatched().get(0);
    assertThat(second.getAttempt().getAttempt()).isEqualTo(2);
    harness.fail(second, "boom 2");

    assertThat(harness.dispatched()).as("no third attempt, no successor").isEmpty();
    JobStatusChanged status = harness.status("retry");
    assertThat(status.getState()).isEqualTo(JobState.FAILED);
    assertThat(status.getFailedTaskId()).isEqualTo("flaky");
    assertThat(status.getProblems()).singleElement().asString().contains("flaky").contains("boom 2");
    assertThat(status.getFailedAttempts()).isEqualTo(2);
    assertThat(status.getLastError()).isEqualTo("boom 2");
  }

  @Test
  void shouldForwardCompletionsToSuccessorsInOtherPartitions() {
    SchedulerSettings settings = new SchedulerSettings(
        new IngestSettings(IngestSettings.defaults().limits(), 10, 8, 1_000),
        "default", 4, Duration.ofMillis(250), Duration.ofSeconds(10), true);
    harness = new SchedulerHarness(settings);
    harness.executorJoins("executor-1", 8);
    // Two fan-out/fan-in blocks joined by one edge: 40 tasks, four partitions of about ten.
    List<TaskSpec> tasks = new ArrayList<>();
    tasks.add(TaskSpec.of("root", "noop", List.of()));
    for (int i = 0; i < 38; i++) {
      tasks.add(TaskSpec.of("w" + i, "noop", List.of(i < 19 ? "root" : "w0")));
    }
    tasks.add(TaskSpec.of("sink", "noop", IntStream.range(0, 38).mapToObj(i -> "w" + i).toList()));
    harness.submit(job("split", tasks.toArray(TaskSpec[]::new)));

    List<TaskDispatched> ran = harness.runToCompletion();

    assertThat(ran).hasSize(40);
    assertThat(ran.stream().map(t -> t.getAttempt().getPartition()).distinct().count()).isGreaterThan(1);
    List<PartitionEvent> forwarded = harness.forwardedEvents();
    assertThat(forwarded).anyMatch(event -> event.getEvent() instanceof UpstreamCompleted);
    assertThat(harness.status("split").getState()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void shouldPublishEveryTaskStateOfAPartition() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.executorJoins("executor-1", 4);
    harness.submit(job("states", TaskSpec.of("a", "noop", List.of()), TaskSpec.of("b", "noop", List.of("a"))));
    harness.complete(harness.dispatched().get(0));

    var latest = harness.partitionStatuses();
    var tasks = latest.get(latest.size() - 1).getTasks().stream()
        .collect(Collectors.toMap(t -> t.getTaskId(), t -> t.getState()));
    assertThat(tasks).containsEntry("a", TaskState.SUCCEEDED).containsEntry("b", TaskState.READY);
  }

  @Test
  void shouldRejectAJobWithACycleAndNameTheCycle() {
    harness = new SchedulerHarness(SchedulerSettings.defaults());
    harness.submit(job("cyclic",
        TaskSpec.of("a", "noop", List.of("c")),
        TaskSpec.of("b", "noop", List.of("a")),
        TaskSpec.of("c", "noop", List.of("b"))));

    JobStatusChanged status = harness.status("cyclic");
    assertThat(status.getState()).isEqualTo(JobState.REJECTED);
    assertThat(status.getProblems()).anyMatch(problem -> problem.contains("cycle"));
    assertThat(harness.dispatched()).isEmpty();
  }

  private static JobSpec job(String id, TaskSpec... tasks) {
    return new JobSpec(id, id, null, List.of(tasks));
  }

  private static List<String> ids(List<TaskDispatched> tasks) {
    return tasks.stream().map(t -> t.getAttempt().getTaskId()).toList();
  }
}
