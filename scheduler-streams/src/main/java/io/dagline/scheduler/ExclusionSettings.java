package io.dagline.scheduler;

import java.time.Duration;

/**
 * When executors and sites are kept away from tasks that failed on them, after Spark's
 * {@code spark.excludeOnFailure.*}: a task is not run again on an executor where one of its attempts
 * failed ({@code maxTaskAttemptsPerExecutor = 1}); an executor on which {@code
 * maxFailedTasksPerExecutor} distinct tasks failed within {@code failureWindow} is excluded from its
 * site for {@code executorExclusion}; a task that failed {@code maxTaskAttemptsPerSite} times at a
 * site moves to another known site, if it is not pinned to its own. Exclusion is a preference: when it
 * would leave no live executor for an attempt, the attempt runs anyway.
 */
public record ExclusionSettings(
    boolean enabled,
    int maxFailedTasksPerExecutor,
    Duration failureWindow,
    Duration executorExclusion,
    int maxTaskAttemptsPerSite) {

  public ExclusionSettings {
    if (maxFailedTasksPerExecutor < 1 || maxTaskAttemptsPerSite < 1) {
      throw new IllegalArgumentException("exclusion thresholds must be at least 1");
    }
  }

  /** Spark's defaults: two failed tasks exclude an executor for an hour; two failures move a task to another site. */
  public static ExclusionSettings defaults() {
    return new ExclusionSettings(true, 2, Duration.ofHours(1), Duration.ofHours(1), 2);
  }

  public static ExclusionSettings disabled() {
    return new ExclusionSettings(false, 2, Duration.ofHours(1), Duration.ofHours(1), 2);
  }
}
