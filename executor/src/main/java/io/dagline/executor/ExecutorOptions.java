package io.dagline.executor;

import java.time.Duration;

/**
 * Who this executor is, where it runs and how much it runs at once. {@code tasksPerPoll} tasks are
 * taken per share-consumer poll (default 1: a consumer per slot); more suits short tasks, since a
 * consumer polls again only when its whole batch is done. A task record that excludes this executor
 * is released until its {@code runExcludedFromDelivery}-th delivery, and run from then on (default 4,
 * one below the broker's default delivery limit of 5).
 */
public record ExecutorOptions(String executorId, String site, int slots, double speed, String bootstrapServers,
    Duration heartbeatInterval, int tasksPerPoll, int runExcludedFromDelivery) {

  public static final int DEFAULT_RUN_EXCLUDED_FROM_DELIVERY = 4;

  public ExecutorOptions {
    if (slots < 1) {
      throw new IllegalArgumentException("an executor needs at least one slot, not " + slots);
    }
    if (tasksPerPoll < 1 || tasksPerPoll > slots) {
      throw new IllegalArgumentException("tasks per poll must be between 1 and the slots, not " + tasksPerPoll);
    }
    if (runExcludedFromDelivery < 1) {
      throw new IllegalArgumentException("runExcludedFromDelivery must be at least 1, not " + runExcludedFromDelivery);
    }
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive, not " + speed);
    }
  }

  public ExecutorOptions(String executorId, String site, int slots, double speed, String bootstrapServers,
      Duration heartbeatInterval, int tasksPerPoll) {
    this(executorId, site, slots, speed, bootstrapServers, heartbeatInterval, tasksPerPoll,
        DEFAULT_RUN_EXCLUDED_FROM_DELIVERY);
  }

  public ExecutorOptions(String executorId, String site, int slots, double speed, String bootstrapServers,
      Duration heartbeatInterval) {
    this(executorId, site, slots, speed, bootstrapServers, heartbeatInterval, 1);
  }

  /** Share consumers this executor runs: together they hold at most {@code slots} tasks. */
  public int consumers() {
    return (slots + tasksPerPoll - 1) / tasksPerPoll;
  }

  public static ExecutorOptions of(String executorId, String site, int slots, String bootstrapServers) {
    return new ExecutorOptions(executorId, site, slots, 1.0, bootstrapServers, Duration.ofSeconds(1));
  }

  public String shareGroup() {
    return "dagline-executors-" + site;
  }
}
