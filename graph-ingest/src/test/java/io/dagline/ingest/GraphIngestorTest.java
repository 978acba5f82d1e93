package io.dagline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.JobSpec;
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
  void shouldRankATaskAboveItsSuccessors() {
    var accepted = (IngestOutcome.Accepted) ingestor.ingest(TaskDefinitions.toJobSubmitted(ladder(10), 1L), 2L);
    Map<String, Double> priority = new HashMap<>();
    accepted.partitions().forEach(p -> p.getTasks().forEach(t -> priority.put(t.getDefinition().getId(), t.getPriority())));
    assertThat(priority.get("t0")).isGreaterThan(priority.get("t1"));
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
