package io.dagline.gateway.cluster;

import io.dagline.schemas.ExecutorHeartbeat;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The executors the gateway has heard from: each one's latest heartbeat, by executor id. Written by
 * {@link HeartbeatConsumer}; an executor that said it is stopping is forgotten.
 */
public final class ExecutorViews {

  private final Map<String, ExecutorHeartbeat> executors = new ConcurrentHashMap<>();
  private final Map<String, Long> lastSeenBySite = new ConcurrentHashMap<>();

  public void apply(ExecutorHeartbeat heartbeat) {
    lastSeenBySite.merge(heartbeat.getSite(), heartbeat.getSentAt(), Math::max);
    if (heartbeat.getStopping()) {
      executors.remove(heartbeat.getExecutorId());
      return;
    }
    executors.merge(heartbeat.getExecutorId(), heartbeat,
        (known, next) -> next.getSentAt() >= known.getSentAt() ? next : known);
  }

  /** Whether an executor is alive: its last heartbeat is at most {@code staleAfter} old at {@code nowMs}. */
  public static boolean isAlive(ExecutorHeartbeat heartbeat, Duration staleAfter, long nowMs) {
    return nowMs - heartbeat.getSentAt() <= staleAfter.toMillis();
  }

  /** The latest heartbeats of the live executors at {@code site} (any site when null). */
  public List<ExecutorHeartbeat> liveAt(String site, Duration staleAfter, long nowMs) {
    return executors().stream()
        .filter(heartbeat -> (site == null || site.equals(heartbeat.getSite())) && isAlive(heartbeat, staleAfter, nowMs))
        .toList();
  }

  /** When an executor of {@code site} last sent a heartbeat, stopping ones included; 0 if none was heard. */
  public long lastSeenAt(String site) {
    return lastSeenBySite.getOrDefault(site, 0L);
  }

  /** The executors of this view as seen {@code staleAfter} after their last heartbeat; the clock gives now. */
  public ExecutorPresence presence(Duration staleAfter, LongSupplier clock) {
    return new ExecutorPresence() {
      @Override
      public boolean hasLiveExecutor(String site) {
        long now = clock.getAsLong();
        return executors.values().stream().anyMatch(heartbeat -> site.equals(heartbeat.getSite())
            && isAlive(heartbeat, staleAfter, now));
      }

      @Override
      public long lastSeenAt(String site) {
        return ExecutorViews.this.lastSeenAt(site);
      }
    };
  }

  /** The latest heartbeat of every executor, sorted by site, then executor id. */
  public List<ExecutorHeartbeat> executors() {
    return executors.values().stream()
        .sorted(Comparator.comparing(ExecutorHeartbeat::getSite).thenComparing(ExecutorHeartbeat::getExecutorId))
        .toList();
  }
}
