package io.dagline.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The gateway's own meters (Prometheus names in docs/operations.md): submissions accepted and refused,
 * live event-stream subscribers, and the state of the local views.
 */
public final class GatewayMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger subscribers = new AtomicInteger();

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("dagline.gateway.sse.subscribers", subscribers, AtomicInteger::get)
        .description("open event streams (GET /v1/jobs/{id}/events and /v1/events)")
        .register(registry);
  }

  /** Gauges over the views; suppliers, which the registry holds strongly (a gauge's state object is only weakly held). */
  public void watch(StatusViews views, BooleanSupplier caughtUp, IntSupplier liveExecutors) {
    Gauge.builder("dagline.gateway.status.view.jobs", views::jobCount)
        .description("jobs in the gateway's local status view").register(registry);
    Gauge.builder("dagline.gateway.status.view.caught.up", () -> caughtUp.getAsBoolean() ? 1 : 0)
        .description("1 once the status view has read the status topics up to their end at start").register(registry);
    Gauge.builder("dagline.gateway.executors.live", liveExecutors::getAsInt)
        .description("executors whose last heartbeat is recent").register(registry);
  }

  /** A job accepted (a repeated, idempotent POST is not counted again). */
  public void submitted(String format) {
    Counter.builder("dagline.gateway.jobs.submitted").tag("format", format)
        .description("jobs accepted and published").register(registry).increment();
  }

  /** A submission refused, by the error code of the answer. */
  public void rejected(String format, String error) {
    Counter.builder("dagline.gateway.jobs.rejected").tag("format", format).tag("error", error)
        .description("submissions refused, by error code").register(registry).increment();
  }

  public void subscribed() {
    subscribers.incrementAndGet();
  }

  public void unsubscribed() {
    subscribers.decrementAndGet();
  }
}
