package io.dagline.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class SchedulerHealthTest {

  private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
  private final SchedulerHealth health = new SchedulerHealth(state::get);

  @Test
  void shouldBeReadyOnlyWhileRunning() {
    for (State each : State.values()) {
      state.set(each);
      assertThat(health.readiness().up()).as(each.name()).isEqualTo(each == State.RUNNING);
    }
    state.set(State.REBALANCING);
    assertThat(health.readiness().detail()).contains("REBALANCING");
  }

  @Test
  void shouldBeLiveWhileStartingRunningOrRebalancingButNotInErrorOrShutdown() {
    for (State each : new State[] {State.CREATED, State.REBALANCING, State.RUNNING}) {
      state.set(each);
      assertThat(health.liveness().up()).as(each.name()).isTrue();
    }
    for (State each : new State[] {State.PENDING_ERROR, State.ERROR, State.PENDING_SHUTDOWN, State.NOT_RUNNING}) {
      state.set(each);
      assertThat(health.liveness().up()).as(each.name()).isFalse();
    }
  }
}
