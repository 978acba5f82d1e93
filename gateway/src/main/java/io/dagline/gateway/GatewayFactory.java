package io.dagline.gateway;

import io.dagline.core.validation.JobValidator;
import io.dagline.serde.KafkaSchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.topics.DaglineTopics;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the gateway's plain classes; none of them knows Micronaut's container. */
@Factory
public class GatewayFactory {

  @Singleton
  GatewaySettings settings(Environment environment) {
    return GatewaySettings.from(environment);
  }

  @Singleton
  @Bean(preDestroy = "close")
  KafkaSchemaCatalog schemaCatalog(GatewaySettings settings) {
    return new KafkaSchemaCatalog(settings.bootstrapServers(), DaglineTopics.SCHEMAS);
  }

  @Singleton
  DaglineTopics topics(KafkaSchemaCatalog catalog) {
    return new DaglineTopics(WireFormat.singleObject(catalog));
  }

  @Singleton
  StatusViews statusViews() {
    return new StatusViews();
  }

  /** Eager, so that the views start filling when the gateway starts rather than on the first request. */
  @Context
  @Bean(preDestroy = "close")
  StatusViewConsumer statusViewConsumer(GatewaySettings settings, DaglineTopics topics, StatusViews views) {
    StatusViewConsumer consumer = new StatusViewConsumer(settings.bootstrapServers(), topics, views);
    consumer.start();
    return consumer;
  }

  @Singleton
  @Bean(preDestroy = "close")
  KafkaJobPublisher jobPublisher(GatewaySettings settings, DaglineTopics topics) {
    return new KafkaJobPublisher(settings.bootstrapServers(), topics, settings.publishTimeout());
  }

  @Singleton
  JobSubmissionService jobSubmissionService(GatewaySettings settings, JobPublisher publisher, StatusViews views) {
    return new JobSubmissionService(new JobRequestParser(settings.maxBodyBytes()), new JobValidator(settings.limits()),
        new SubmissionChecks(settings.functions(), settings.pools()), publisher, views, Clock.systemUTC());
  }

  @Singleton
  JobCancellationService jobCancellationService(JobPublisher publisher, StatusViews views) {
    return new JobCancellationService(publisher, views, Clock.systemUTC());
  }

  @Singleton
  JobQueryService jobQueryService(StatusViews views) {
    return new JobQueryService(views);
  }
}
