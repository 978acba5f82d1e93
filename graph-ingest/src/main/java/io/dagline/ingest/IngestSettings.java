package io.dagline.ingest;

import io.dagline.core.validation.ValidationLimits;

/**
 * How jobs are cut: partitions hold about {@code targetTasksPerPartition} tasks, never more than
 * {@code maxPartitions} per job; tasks without an estimate count {@code defaultRuntimeMs} for
 * priorities.
 */
public record IngestSettings(
    ValidationLimits limits, int targetTasksPerPartition, int maxPartitions, long defaultRuntimeMs) {

  public static IngestSettings defaults() {
    return new IngestSettings(ValidationLimits.defaults(), 250, 64, 1_000);
  }
}
