package io.dagline.observability;

/** A probe a process answers about itself; called on the metrics server's thread, so it must not block. */
@FunctionalInterface
public interface HealthCheck {

  Health check();
}
