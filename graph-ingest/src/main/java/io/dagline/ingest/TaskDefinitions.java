package io.dagline.ingest;

import io.dagline.core.model.DataRef;
import io.dagline.core.model.JobSpec;
import io.dagline.core.model.Resources;
import io.dagline.core.model.TaskSpec;
import io.dagline.schemas.DataReference;
import io.dagline.schemas.JobSubmitted;
import io.dagline.schemas.TaskDefinition;
import io.dagline.serde.DaglineSchemas;
import java.util.List;

/** Translates between the core job model and its Avro form on the wire. */
public final class TaskDefinitions {

  static {
    DaglineSchemas.trustGeneratedClasses(); // builders fill in enum defaults by class name
  }

  private TaskDefinitions() {}

  public static JobSubmitted toJobSubmitted(JobSpec job, long submittedAt) {
    return JobSubmitted.newBuilder()
        .setJobId(job.jobId())
        .setName(job.name())
        .setPool(job.pool())
        .setSubmittedAt(submittedAt)
        .setTasks(job.tasks().stream().map(TaskDefinitions::toDefinition).toList())
        .build();
  }

  public static JobSpec toJobSpec(JobSubmitted submitted) {
    List<TaskSpec> tasks = submitted.getTasks().stream().map(TaskDefinitions::toSpec).toList();
    return new JobSpec(submitted.getJobId(), submitted.getName(), submitted.getPool(), tasks);
  }

  public static TaskDefinition toDefinition(TaskSpec task) {
    return TaskDefinition.newBuilder()
        .setId(task.id())
        .setFunction(task.function())
        .setArgs(task.args())
        .setDependencies(task.dependencies())
        .setCpu(task.resources().cpu())
        .setMemoryMb(task.resources().memoryMb())
        .setRuntimeEstimateMs(task.runtimeEstimateMs())
        .setTimeoutMs(task.timeoutMs())
        .setMaxAttempts(task.maxAttempts())
        .setInputs(task.inputs().stream().map(TaskDefinitions::toReference).toList())
        .setPool(task.pool())
        .setSite(task.site())
        .build();
  }

  public static TaskSpec toSpec(TaskDefinition definition) {
    return new TaskSpec(
        definition.getId(),
        definition.getFunction(),
        definition.getArgs(),
        definition.getDependencies(),
        new Resources(definition.getCpu(), definition.getMemoryMb()),
        definition.getRuntimeEstimateMs(),
        definition.getTimeoutMs(),
        definition.getMaxAttempts(),
        definition.getInputs().stream().map(TaskDefinitions::toDataRef).toList(),
        definition.getPool(),
        definition.getSite());
  }

  private static DataReference toReference(DataRef ref) {
    return new DataReference(ref.uri(), ref.sizeBytes(), ref.site(), ref.immovable());
  }

  private static DataRef toDataRef(DataReference ref) {
    return new DataRef(ref.getUri(), ref.getSizeBytes(), ref.getSite(), ref.getImmovable());
  }
}
