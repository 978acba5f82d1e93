package io.dagline.executor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerExecutorMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerExecutorMetrics metrics = new MicrometerExecutorMetrics(registry);

  @Test
  void shouldCountAttemptsPerFunctionAndOutcomeAndTimeThem() {
    metrics.taskStarted("sleep");
    metrics.taskStarted("sleep");
    metrics.taskStarted("noop");
    metrics.taskFinished("sleep", true, Duration.ofMillis(250));
    metrics.taskFinished("sleep", false, Duration.ofMillis(40));
    metrics.taskFinished("noop", true, Duration.ofMillis(1));

    assertThat(registry.get(MicrometerExecutorMetrics.STARTED).tag("function", "sleep").counter().count()).isEqualTo(2);
    assertThat(registry.get(MicrometerExecutorMetrics.COMPLETED).tag("function", "sleep").counter().count()).isEqualTo(1);
    assertThat(registry.get(MicrometerExecutorMetrics.FAILED).tag("function", "sleep").counter().count()).isEqualTo(1);
    assertThat(registry.get(MicrometerExecutorMetrics.COMPLETED).tag("function", "noop").counter().count()).isEqualTo(1);
    var sleepCompleted = registry.get(MicrometerExecutorMetrics.DURATION).tag("function", "sleep")
        .tag("outcome", "completed").timer();
    assertThat(sleepCompleted.count()).isEqualTo(1);
    assertThat(sleepCompleted.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
  }
}
