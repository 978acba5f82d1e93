package io.dagline.executor.metrics;

import io.dagline.executor.ExecutorMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** {@link ExecutorMetrics} as Micrometer meters, tagged by function; names listed in docs/operations.md. */
public final class MicrometerExecutorMetrics implements ExecutorMetrics {

  public static final String STARTED = "dagline.executor.tasks.started";
  public static final String COMPLETED = "dagline.executor.tasks.completed";
  public static final String FAILED = "dagline.executor.tasks.failed";
  public static final String DURATION = "dagline.executor.task.duration";

  private final MeterRegistry registry;

  public MicrometerExecutorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void taskStarted(String function) {
    Counter.builder(STARTED).description("attempts started").tag("function", function).register(registry).increment();
  }

  @Override
  public void taskFinished(String function, boolean succeeded, Duration took) {
    Counter.builder(succeeded ? COMPLETED : FAILED)
        .description(succeeded ? "attempts whose function returned" : "attempts that failed, timed out or were interrupted")
        .tag("function", function).register(registry).increment();
    Timer.builder(DURATION).description("how long attempts ran")
        .tag("function", function).tag("outcome", succeeded ? "completed" : "failed")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofHours(1)).register(registry).record(took);
  }
}
