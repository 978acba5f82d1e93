package io.dagline.ingest;

import io.dagline.core.graph.GraphPartitioner;
import io.dagline.core.graph.PartitionSizing;
import io.dagline.core.graph.TaskGraph;
import io.dagline.core.graph.UpwardRank;
import io.dagline.core.model.JobSpec;
import io.dagline.core.plan.SubmissionPlanner;
import io.dagline.core.validation.JobValidator;
import io.dagline.core.validation.ValidationProblem;
import io.dagline.schemas.GraphPartitionCreated;
import io.dagline.schemas.JobAccepted;
import io.dagline.schemas.JobRejected;
import io.dagline.schemas.JobSubmitted;
import io.dagline.schemas.PartitionTask;
import io.dagline.schemas.TaskDefinition;
import io.dagline.schemas.TaskRef;
import io.dagline.serde.DaglineSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a submitted job, ranks its tasks (upward rank) and cuts the graph into partitions. Each
 * partition lists its tasks with their successors, local or remote, so a cross-partition edge is
 * known on both sides: the successor counts it among its dependencies, the predecessor knows where
 * to forward its completion.
 */
public final class GraphIngestor {

  private static final Logger LOG = LoggerFactory.getLogger(GraphIngestor.class);
  /** Dispatch priority of tasks of pools that are not planned: equal, so their sites take them in arrival order. */
  private static final double FIRST_COME_FIRST_SERVED = 0.0;

  static {
    DaglineSchemas.trustGeneratedClasses(); // builders fill in enum defaults by class name
  }

  private final IngestSettings settings;
  private final JobValidator validator;
  private final GraphPartitioner partitioner;

  public GraphIngestor(IngestSettings settings) {
    this(settings, GraphPartitioner.recommended());
  }

  public GraphIngestor(IngestSettings settings, GraphPartitioner partitioner) {
    this.settings = settings;
    this.validator = new JobValidator(settings.limits());
    this.partitioner = partitioner;
  }

  public IngestOutcome ingest(JobSubmitted submitted, long now) {
    JobSpec job = TaskDefinitions.toJobSpec(submitted);
    List<ValidationProblem> problems = validator.validate(job);
    if (!problems.isEmpty()) {
      return new IngestOutcome.Rejected(new JobRejected(
          submitted.getJobId(), submitted.getSubmittedAt(), now,
          problems.stream().map(ValidationProblem::message).toList(), submitted.getDigest(),
          submitted.getTenant()));
    }
    TaskGraph graph = TaskGraph.of(job);
    int partitionCount = PartitionSizing.partitionCount(
        graph.size(), settings.targetTasksPerPartition(), settings.maxPartitions());
    int[] assignment = partitionCount == 1 ? new int[graph.size()] : partitioner.partition(graph, partitionCount);
    Optional<SubmissionPlanner.Plan> plan = settings.planning().planFor(job);
    double[] rank = plan.map(p -> dispatchRanks(graph, p)).orElse(null);
    plan.ifPresent(p -> LOG.info("job {} planned with {} on {}: predicted makespan {} s", submitted.getJobId(),
        p.policy(), settings.planning().planner().platform().siteNames(), String.format("%.1f", p.predictedMakespanSeconds())));

    List<List<PartitionTask>> tasksByPartition = new ArrayList<>();
    for (int p = 0; p < partitionCount; p++) {
      tasksByPartition.add(new ArrayList<>());
    }
    for (int i = 0; i < graph.size(); i++) {
      List<TaskRef> successors = new ArrayList<>();
      for (int s : graph.successors(i)) {
        successors.add(new TaskRef(graph.id(s), assignment[s]));
      }
      TaskDefinition definition = submitted.getTasks().get(i);
      tasksByPartition.get(assignment[i]).add(plan.isPresent()
          ? planned(definition, plan.get(), rank[i], successors)
          : new PartitionTask(definition, FIRST_COME_FIRST_SERVED, successors, null, null));
    }
    List<GraphPartitionCreated> partitions = new ArrayList<>(partitionCount);
    for (int p = 0; p < partitionCount; p++) {
      partitions.add(new GraphPartitionCreated(submitted.getJobId(), p, partitionCount, now,
          tasksByPartition.get(p), submitted.getRetry(), submitted.getOnTaskFailure(), submitted.getPool()));
    }
    JobAccepted accepted = new JobAccepted(submitted.getJobId(), submitted.getName(), submitted.getPool(),
        graph.size(), partitionCount, submitted.getSubmittedAt(), now, submitted.getOnTaskFailure(),
        submitted.getDigest(), submitted.getTenant(), submitted.getExecutorWaitLimitMs());
    return new IngestOutcome.Accepted(accepted, partitions);
  }

  /** The plan's priorities, or upward ranks when it has none: the order each site takes its ready tasks in. */
  private double[] dispatchRanks(TaskGraph graph, SubmissionPlanner.Plan plan) {
    double[] rank = UpwardRank.compute(graph, settings.defaultRuntimeMs());
    for (int i = 0; i < graph.size(); i++) {
      rank[i] = plan.priorityByTask().getOrDefault(graph.id(i), rank[i]);
    }
    return rank;
  }

  /**
   * A planned task goes to the site of its plan (unless it names one itself) and is dispatched there by
   * the plan's priority (upward rank when the plan has none), highest first, as the simulator runs a plan.
   * The planned site is not written into the definition: a site the task names pins it, a planned one is
   * where it starts. Its planned start, when the plan has one, lets a first attempt that falls behind the
   * plan move (decision 0029).
   */
  private static PartitionTask planned(TaskDefinition definition, SubmissionPlanner.Plan plan, double rank,
      List<TaskRef> successors) {
    String plannedSite = definition.getSite() != null ? null : plan.siteByTask().get(definition.getId());
    Double startSeconds = plannedSite == null ? null : plan.startByTask().get(definition.getId());
    Long plannedStartMs = startSeconds == null ? null : Math.round(startSeconds * 1000);
    return new PartitionTask(definition, rank, successors, plannedSite, plannedStartMs);
  }
}
