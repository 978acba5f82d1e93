package io.dagline.executor;

import java.time.Duration;

/**
 * What the executor's slots tell about the attempts they run, for metrics. Called on slot threads:
 * an implementation must be cheap and thread-safe. Attempts of a stopped job that are not run at all
 * are not counted.
 */
public interface ExecutorMetrics {

  /** Records nothing: the default when no metrics are wanted. */
  ExecutorMetrics NONE = new ExecutorMetrics() {};

  /** An attempt of {@code function} started ({@code "unknown"} for a function this executor lacks). */
  default void taskStarted(String function) {}

  /** The attempt ended: its function returned ({@code succeeded}), or threw, timed out or was interrupted. */
  default void taskFinished(String function, boolean succeeded, Duration took) {}
}
