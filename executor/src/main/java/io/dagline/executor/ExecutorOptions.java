package io.dagline.executor;

import java.time.Duration;

/** Who this executor is, where it runs and how much it runs at once. */
public record ExecutorOptions(
    String executorId, String site, int slots, double speed, String bootstrapServers, Duration heartbeatInterval) {

  public ExecutorOptions {
    if (slots < 1) {
      throw new IllegalArgumentException("an executor needs at least one slot, not " + slots);
    }
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive, not " + speed);
    }
  }

  public static ExecutorOptions of(String executorId, String site, int slots, String bootstrapServers) {
    return new ExecutorOptions(executorId, site, slots, 1.0, bootstrapServers, Duration.ofSeconds(1));
  }

  public String shareGroup() {
    return "dagline-executors-" + site;
  }
}
