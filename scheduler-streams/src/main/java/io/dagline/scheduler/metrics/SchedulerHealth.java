package io.dagline.scheduler.metrics;

import io.dagline.observability.Health;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A scheduler instance's health, from its Kafka Streams state. Ready only while RUNNING: during a
 * rebalance its partitions are moving and it schedules nothing. Live unless in ERROR (every stream
 * thread died) or shutting down, states it never leaves on its own; REBALANCING and a restoring
 * CREATED are normal and must not get it restarted.
 */
public final class SchedulerHealth {

  private final Supplier<KafkaStreams.State> state;

  public SchedulerHealth(Supplier<KafkaStreams.State> state) {
    this.state = state;
  }

  public Health liveness() {
    KafkaStreams.State now = state.get();
    boolean live = switch (now) {
      case ERROR, PENDING_ERROR, PENDING_SHUTDOWN, NOT_RUNNING -> false;
      default -> true;
    };
    return new Health(live, "kafka streams " + now);
  }

  public Health readiness() {
    KafkaStreams.State now = state.get();
    return new Health(now == KafkaStreams.State.RUNNING, "kafka streams " + now);
  }
}
