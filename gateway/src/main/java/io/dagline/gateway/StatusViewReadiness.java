package io.dagline.gateway;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Readiness: DOWN while the broker does not answer or while the status view has not yet read the status
 * topics up to where they ended when the gateway started (answers would miss jobs).
 */
@Singleton
@Readiness
public class StatusViewReadiness implements HealthIndicator {

  private final StatusViewConsumer consumer;

  public StatusViewReadiness(StatusViewConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    boolean reachable = consumer.brokerReachable();
    boolean caughtUp = consumer.caughtUp();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("brokerReachable", reachable);
    details.put("statusViewCaughtUp", caughtUp);
    return Mono.just(HealthResult.builder("dagline-status-view", reachable && caughtUp ? HealthStatus.UP : HealthStatus.DOWN)
        .details(details).build());
  }
}
