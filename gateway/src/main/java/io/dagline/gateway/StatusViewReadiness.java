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
 * Readiness: DOWN while the broker does not answer, while the status view has not yet read the status
 * topics up to where they ended when the gateway started (answers would miss jobs), or while the job
 * publisher is not yet warm (a submission could time out).
 */
@Singleton
@Readiness
public class StatusViewReadiness implements HealthIndicator {

  private final StatusViewConsumer consumer;
  private final KafkaJobPublisher publisher;

  public StatusViewReadiness(StatusViewConsumer consumer, KafkaJobPublisher publisher) {
    this.consumer = consumer;
    this.publisher = publisher;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    boolean reachable = consumer.brokerReachable();
    boolean caughtUp = consumer.caughtUp();
    boolean publisherWarm = publisher.isWarm();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("brokerReachable", reachable);
    details.put("statusViewCaughtUp", caughtUp);
    details.put("jobPublisherWarm", publisherWarm);
    boolean up = reachable && caughtUp && publisherWarm;
    return Mono.just(HealthResult.builder("dagline-status-view", up ? HealthStatus.UP : HealthStatus.DOWN)
        .details(details).build());
  }
}
