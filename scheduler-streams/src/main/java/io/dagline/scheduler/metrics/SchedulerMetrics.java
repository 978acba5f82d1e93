package io.dagline.scheduler.metrics;

/**
 * What the scheduler's processors tell about their work, for metrics. Called on stream threads, so
 * an implementation must be cheap and thread-safe. Nothing here is transactional: a record processed
 * again after a failover is counted again.
 */
public interface SchedulerMetrics {

  /** Records nothing: the default when no metrics are wanted. */
  SchedulerMetrics NONE = new SchedulerMetrics() {};

  /** An attempt left the site's ready queue for the executors, {@code queuedMs} after it became ready. */
  default void taskDispatched(String site, long queuedMs) {}

  /** An executor reported an attempt completed (late and duplicate reports included). */
  default void taskCompleted() {}

  /** An executor reported an attempt failed (late and duplicate reports included). */
  default void taskFailed() {}

  /** The site's ready-queue length and dispatched attempts not yet finished, after a change. */
  default void siteQueue(String site, int queued, int inFlight) {}

  /** This instance no longer holds the site (its partition moved away or the scheduler stops). */
  default void siteReleased(String site) {}
}
