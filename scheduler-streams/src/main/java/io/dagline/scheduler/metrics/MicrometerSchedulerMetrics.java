package io.dagline.scheduler.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link SchedulerMetrics} as Micrometer meters; the names are listed in docs/operations.md. */
public final class MicrometerSchedulerMetrics implements SchedulerMetrics {

  public static final String DISPATCHED = "dagline.scheduler.tasks.dispatched";
  public static final String COMPLETED = "dagline.scheduler.tasks.completed";
  public static final String FAILED = "dagline.scheduler.tasks.failed";
  public static final String DISPATCH_LATENCY = "dagline.scheduler.dispatch.latency";
  public static final String READY_QUEUE = "dagline.scheduler.ready.queue";
  public static final String IN_FLIGHT = "dagline.scheduler.tasks.in.flight";

  /** The gauges of one site, with the values they read. */
  private record SiteGauges(AtomicInteger queued, AtomicInteger inFlight, List<Meter> meters) {}

  private final MeterRegistry registry;
  private final Counter completed;
  private final Counter failed;
  private final Map<String, Counter> dispatchedBySite = new ConcurrentHashMap<>();
  private final Map<String, Timer> latencyBySite = new ConcurrentHashMap<>();
  private final Map<String, SiteGauges> sites = new ConcurrentHashMap<>();

  public MicrometerSchedulerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.completed = Counter.builder(COMPLETED).description("attempts reported completed by executors")
        .register(registry);
    this.failed = Counter.builder(FAILED).description("attempts reported failed by executors").register(registry);
  }

  @Override
  public void taskDispatched(String site, long queuedMs) {
    dispatchedBySite.computeIfAbsent(site, s -> Counter.builder(DISPATCHED)
        .description("attempts released to the site's executors").tag("site", s).register(registry)).increment();
    latencyBySite.computeIfAbsent(site, s -> Timer.builder(DISPATCH_LATENCY)
        .description("time from an attempt becoming ready to its dispatch").tag("site", s)
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(10)).register(registry))
        .record(Math.max(0, queuedMs), TimeUnit.MILLISECONDS);
  }

  @Override
  public void taskCompleted() {
    completed.increment();
  }

  @Override
  public void taskFailed() {
    failed.increment();
  }

  @Override
  public void siteQueue(String site, int queued, int inFlight) {
    SiteGauges gauges = sites.computeIfAbsent(site, this::registerSite);
    gauges.queued().set(queued);
    gauges.inFlight().set(inFlight);
  }

  @Override
  public void siteReleased(String site) {
    SiteGauges gauges = sites.remove(site);
    if (gauges != null) {
      gauges.meters().forEach(registry::remove);
    }
  }

  private SiteGauges registerSite(String site) {
    AtomicInteger queued = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    Tags tags = Tags.of("site", site);
    Meter queue = Gauge.builder(READY_QUEUE, queued, AtomicInteger::get)
        .description("attempts the site's partitions want in flight beyond the dispatch credits granted to them").tags(tags).register(registry);
    Meter flying = Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
        .description("dispatch credits the site coordinator granted to partitions (slots times the pipelining factor, or less)").tags(tags).register(registry);
    return new SiteGauges(queued, inFlight, List.of(queue, flying));
  }
}
