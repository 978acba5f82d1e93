package io.dagline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import io.dagline.scheduler.metrics.MicrometerSchedulerMetrics;
import io.dagline.schemas.TaskDispatched;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The processors feed the scheduler's meters as they dispatch and hear back from executors. */
class SchedulerMetricsTopologyTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SchedulerHarness harness =
      new SchedulerHarness(SchedulerSettings.defaults(), new MicrometerSchedulerMetrics(registry));
  private boolean closed;

  @AfterEach
  void close() {
    if (!closed) {
      harness.close();
    }
  }

  @Test
  void shouldCountDispatchesAndReportsAndGaugeTheSiteQueue() {
    harness.submit(new JobSpec("wide", "wide", null, IntStream.range(0, 5)
        .mapToObj(i -> TaskSpec.of("t" + i, "noop", List.of())).toList()));
    harness.executorJoins("executor-1", 2);
    List<TaskDispatched> firstTwo = harness.dispatched();
    assertThat(firstTwo).hasSize(2);

    assertThat(dispatched()).isEqualTo(2);
    assertThat(gauge(MicrometerSchedulerMetrics.READY_QUEUE)).as("three wait for a credit").isEqualTo(3);
    assertThat(gauge(MicrometerSchedulerMetrics.IN_FLIGHT)).isEqualTo(2);
    Timer latency = registry.get(MicrometerSchedulerMetrics.DISPATCH_LATENCY).tag("site", "default").timer();
    assertThat(latency.count()).isEqualTo(2);

    harness.complete(firstTwo.get(0));
    harness.fail(firstTwo.get(1), "boom");

    assertThat(counter(MicrometerSchedulerMetrics.COMPLETED)).isEqualTo(1);
    assertThat(counter(MicrometerSchedulerMetrics.FAILED)).isEqualTo(1);
    assertThat(dispatched()).as("the two freed slots are filled").isEqualTo(4);
    harness.runToCompletion();
    harness.advance(java.time.Duration.ofSeconds(2)); // the failed task's retry, after its backoff
    harness.runToCompletion();
    assertThat(gauge(MicrometerSchedulerMetrics.READY_QUEUE)).as("the job is over: nothing is wanted").isZero();
    assertThat(gauge(MicrometerSchedulerMetrics.IN_FLIGHT)).as("and its credits are back").isZero();
  }

  @Test
  void shouldDropTheSiteGaugesWhenTheProcessorCloses() {
    harness.executorJoins("executor-1", 2);
    assertThat(gauge(MicrometerSchedulerMetrics.READY_QUEUE)).isZero();

    harness.close();
    closed = true;

    assertThat(registry.find(MicrometerSchedulerMetrics.READY_QUEUE).gauges()).isEmpty();
  }

  private double dispatched() {
    return registry.get(MicrometerSchedulerMetrics.DISPATCHED).tag("site", "default").counter().count();
  }

  private double counter(String name) {
    Counter counter = registry.get(name).counter();
    return counter.count();
  }

  private double gauge(String name) {
    Gauge gauge = registry.get(name).tag("site", "default").gauge();
    return gauge.value();
  }
}
