package io.dagline.ingest;

import io.dagline.core.plan.PoolPlanning;
import io.dagline.core.validation.ValidationLimits;

/**
 * How jobs are cut: partitions hold about {@code targetTasksPerPartition} tasks, never more than
 * {@code maxPartitions} per job; tasks without an estimate count {@code defaultRuntimeMs} for
 * priorities. Jobs of the pools {@code planning} names are planned at submission: each task gets the
 * site its pool's policy gives it.
 */
public record IngestSettings(
    ValidationLimits limits, int targetTasksPerPartition, int maxPartitions, long defaultRuntimeMs,
    PoolPlanning planning) {

  public IngestSettings(ValidationLimits limits, int targetTasksPerPartition, int maxPartitions, long defaultRuntimeMs) {
    this(limits, targetTasksPerPartition, maxPartitions, defaultRuntimeMs, PoolPlanning.none());
  }

  public static IngestSettings defaults() {
    return new IngestSettings(ValidationLimits.defaults(), 250, 64, 1_000);
  }

  /** Partitions of about {@code tasks} tasks each. */
  public IngestSettings withTargetTasksPerPartition(int tasks) {
    return new IngestSettings(limits, tasks, maxPartitions, defaultRuntimeMs, planning);
  }

  public IngestSettings withPlanning(PoolPlanning pools) {
    return new IngestSettings(limits, targetTasksPerPartition, maxPartitions, defaultRuntimeMs, pools);
  }
}
