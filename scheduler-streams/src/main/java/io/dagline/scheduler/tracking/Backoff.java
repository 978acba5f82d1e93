package io.dagline.scheduler.tracking;

import io.dagline.schemas.RetryPolicy;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Exponential backoff with jitter between the attempts of a task (Temporal's parameters): the delay
 * after attempt {@code n} failed is {@code min(maxInterval, initialInterval × coefficient^(n-1))},
 * drawn uniformly from its upper fifth downwards ([0.8·d, d]) so that tasks that failed together do
 * not all come back in the same instant. The draw is seeded by job, task and attempt: replaying the
 * same events gives the same delays.
 */
public record Backoff(long initialIntervalMs, double backoffCoefficient, long maxIntervalMs) {

  private static final double JITTER = 0.2;

  public Backoff {
    if (initialIntervalMs < 0 || maxIntervalMs < 0 || !(backoffCoefficient >= 1.0)) {
      throw new IllegalArgumentException("invalid backoff: " + initialIntervalMs + " ms × " + backoffCoefficient
          + " up to " + maxIntervalMs + " ms");
    }
  }

  /** Temporal's defaults, with a cap of a minute rather than 100 × the initial interval. */
  public static Backoff defaults() {
    return new Backoff(1_000, 2.0, 60_000);
  }

  /** This backoff with each field the policy sets replaced; a null policy changes nothing. */
  public Backoff overriddenBy(RetryPolicy policy) {
    if (policy == null) {
      return this;
    }
    return new Backoff(
        policy.getInitialIntervalMs() != null ? policy.getInitialIntervalMs() : initialIntervalMs,
        policy.getBackoffCoefficient() != null ? policy.getBackoffCoefficient() : backoffCoefficient,
        policy.getMaxIntervalMs() != null ? policy.getMaxIntervalMs() : maxIntervalMs);
  }

  /** The longest delay after the given attempt failed, before jitter. */
  public long ceilingMs(int failedAttempt) {
    double delay = initialIntervalMs * Math.pow(backoffCoefficient, Math.max(0, failedAttempt - 1));
    return (long) Math.min((double) maxIntervalMs, delay);
  }

  /** The delay before the attempt after {@code failedAttempt}. */
  public long delayMs(String jobId, String taskId, int failedAttempt) {
    long ceiling = ceilingMs(failedAttempt);
    double draw = new SplittableRandom(Objects.hash(jobId, taskId, failedAttempt)).nextDouble();
    return Math.round(ceiling * (1.0 - JITTER * draw));
  }
}
