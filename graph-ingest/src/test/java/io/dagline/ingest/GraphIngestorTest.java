package io.dagline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.JobSpec;
import io.dagline.core.plan.PoolPlanning;
import io.dagline.core.model.TaskSpec;
import io.dagline.schemas.GraphPartitionCreated;
import io.dagline.schemas.PartitionTask;
import io.dagline.schemas.TaskRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphIngestorTest {

  private final GraphIngestor ingestor = new GraphIngestor(
      new IngestSettings(IngestSettings.defaults().limits(), 25, 16, 1_000));

  @Test
  void shouldCutAnAcceptedJobIntoPartitionsThatCoverEveryTaskOnce() {
    IngestOutcome outcome = ingestor.ingest(TaskDefinitions.toJobSubmitted(ladder(100), 1L), 2L);

    var accepted = (IngestOutcome.Accepted) outcome;
    assertThat(accepted.job().getTaskCount()).isEqualTo(100);
    assertThat(accepted.partitions()).hasSize(4);
    assertThat(accepted.partitions()).allSatisfy(p -> assertThat(p.getPartitionCount()).isEqualTo(4));
    List<String> ids = accepted.partitions().stream().flatMap(p -> p.getTasks().stream())
        .map(t -> t.getDefinition().getId()).toList();
    assertThat(ids).hasSize(100).doesNotHaveDuplicates();
  }

  @Test
  void shouldListEveryCrossPartitionEdgeOnBothSides() {
    var accepted = (IngestOutcome.Accepted) ingestor.ingest(TaskDefinitions.toJobSubmitted(ladder(100), 1L), 2L);

    Map<String, Integer> partitionOf = new HashMap<>();
    Map<String, PartitionTask> byId = new HashMap<>();
    for (GraphPartitionCreated partition : accepted.partitions()) {
      for (PartitionTask task : partition.getTasks()) {
        partitionOf.put(task.getDefinition().getId(), partition.getPartition());
        byId.put(task.getDefinition().getId(), task);
      }
    }
    int crossEdges = 0;
    for (PartitionTask task : byId.values()) {
      for (TaskRef successor : task.getSuccessors()) {
        assertThat(successor.getPartition()).isEqualTo(partitionOf.get(successor.getTaskId()));
        assertThat(byId.get(successor.getTaskId()).getDefinition().getDependencies())
            .contains(task.getDefinition().getId());
        if (successor.getPartition() != partitionOf.get(task.getDefinition().getId())) {
          crossEdges++;
        }
      }
    }
    assertThat(crossEdges).isPositive();
  }

  @Test
  void shouldPlanAJobOfAPlannedPoolOntoSitesAndRankItsTasksAboveTheirSuccessors() {
    GraphIngestor planning = new GraphIngestor(new IngestSettings(IngestSettings.defaults().limits(), 25, 16, 1_000)
        .withPlanning(PoolPlanning.parse("fast:2:1.0,slow:2:0.3", "science=dagline")));
    JobSpec job = new JobSpec("fan", "fan", "science", List.of(
        TaskSpec.of("root", "noop", List.of()),
        TaskSpec.of("left", "noop", List.of("root")),
        TaskSpec.of("right", "noop", List.of("root")),
        new TaskSpec("pinned", "noop", null, List.of("root"), null, null, null, null, null, null, "slow")));

    var accepted = (IngestOutcome.Accepted) planning.ingest(TaskDefinitions.toJobSubmitted(job, 1L), 2L);

    Map<String, PartitionTask> tasks = tasksById(accepted);
    // Every task of 1 s finishes first on the fast site, which has a slot for each of the two parallel ones.
    assertThat(tasks.get("root").getPlannedSite()).isEqualTo("fast");
    assertThat(tasks.get("left").getPlannedSite()).isEqualTo("fast");
    assertThat(tasks.get("right").getPlannedSite()).isEqualTo("fast");
    assertThat(List.of("root", "left", "right")).as("a planned site is no pin: the definitions name none")
        .allSatisfy(id -> assertThat(tasks.get(id).getDefinition().getSite()).isNull());
    assertThat(tasks.get("pinned").getDefinition().getSite()).as("a site the task names is kept").isEqualTo("slow");
    assertThat(tasks.get("pinned").getPlannedSite()).isNull();
    assertThat(tasks.get("root").getPriority()).isGreaterThan(tasks.get("left").getPriority());
    assertThat(tasks.get("root").getPlannedStartMs()).as("planned starts travel with the plan").isZero();
    assertThat(tasks.get("left").getPlannedStartMs()).isEqualTo(1_000L);
    assertThat(tasks.get("right").getPlannedStartMs()).isEqualTo(1_000L);
    assertThat(tasks.get("pinned").getPlannedStartMs()).as("a pinned task never moves").isNull();
  }

  @Test
  void shouldLeaveTasksOfAPoolThatIsNotPlannedWhereTheyAskedAndInArrivalOrder() {
    var accepted = (IngestOutcome.Accepted) ingestor.ingest(TaskDefinitions.toJobSubmitted(ladder(10), 1L), 2L);

    tasksById(accepted).values().forEach(task -> {
      assertThat(task.getDefinition().getSite()).isNull();
      assertThat(task.getPlannedSite()).isNull();
      assertThat(task.getPlannedStartMs()).isNull();
      assertThat(task.getPriority()).isZero();
    });
  }

  private static Map<String, PartitionTask> tasksById(IngestOutcome.Accepted accepted) {
    Map<String, PartitionTask> tasks = new HashMap<>();
    accepted.partitions().forEach(p -> p.getTasks().forEach(t -> tasks.put(t.getDefinition().getId(), t)));
    return tasks;
  }

  @Test
  void shouldRejectAJobWithAnUnknownDependencyAndSayWhich() {
    JobSpec job = new JobSpec("bad", null, null, List.of(TaskSpec.of("a", "noop", List.of("ghost"))));

    var rejected = (IngestOutcome.Rejected) ingestor.ingest(TaskDefinitions.toJobSubmitted(job, 1L), 2L);

    assertThat(rejected.job().getProblems()).singleElement().asString().contains("\"a\"").contains("\"ghost\"");
  }

  /** A chain where each task also depends on the one two steps back. */
  private static JobSpec ladder(int n) {
    List<TaskSpec> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> deps = new ArrayList<>();
      if (i >= 1) {
        deps.add("t" + (i - 1));
      }
      if (i >= 2) {
        deps.add("t" + (i - 2));
      }
      tasks.add(TaskSpec.of("t" + i, "noop", deps));
    }
    return new JobSpec("ladder", "ladder", null, tasks);
  }
}
