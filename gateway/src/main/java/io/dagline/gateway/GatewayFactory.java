package io.dagline.gateway;

import io.dagline.core.validation.JobValidator;
import io.dagline.gateway.auth.AuthSettings;
import io.dagline.gateway.cluster.ExecutorViews;
import io.dagline.gateway.cluster.HeartbeatConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import io.dagline.serde.KafkaSchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.topics.DaglineTopics;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

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
  KafkaJobPublisher jobPublisher(GatewaySettings settings, DaglineTopics topics, KafkaSchemaCatalog catalog) {
    return new KafkaJobPublisher(settings.bootstrapServers(), topics, catalog, settings.publishTimeout());
  }

  /** Eager, so that the first submission finds the publisher ready. */
  @Context
  @Bean(preDestroy = "close")
  JobPublisherWarmUp jobPublisherWarmUp(KafkaJobPublisher publisher) {
    return new JobPublisherWarmUp(publisher);
  }

  @Singleton
  JobSubmissionService jobSubmissionService(GatewaySettings settings, AuthSettings auth, JobPublisher publisher,
      StatusViews views, ExecutorViews executors) {
    OfferedFunctions functions = new OfferedFunctions(settings.functions(), executors, settings.executorStaleAfter(),
        Clock.systemUTC());
    return new JobSubmissionService(new JobRequestParser(settings.maxBodyBytes()), new JobValidator(settings.limits()),
        new SubmissionChecks(functions, settings.pools()), publisher, views, Clock.systemUTC(),
        auth.poolOwners());
  }

  @Singleton
  AuthSettings authSettings(Environment environment) {
    return AuthSettings.from(environment);
  }

  @Singleton
  ExecutorViews executorViews() {
    return new ExecutorViews();
  }

  @Context
  @Bean(preDestroy = "close")
  HeartbeatConsumer heartbeatConsumer(GatewaySettings settings, DaglineTopics topics, ExecutorViews executors) {
    HeartbeatConsumer consumer = new HeartbeatConsumer(settings.bootstrapServers(), topics, executors,
        settings.heartbeatLookback());
    consumer.start();
    return consumer;
  }

  @Context
  GatewayMetrics gatewayMetrics(MeterRegistry registry, GatewaySettings settings, StatusViews views,
      StatusViewConsumer consumer, ExecutorViews executors) {
    GatewayMetrics metrics = new GatewayMetrics(registry);
    metrics.watch(views, consumer::caughtUp,
        () -> executors.liveAt(null, settings.executorStaleAfter(), System.currentTimeMillis()).size());
    return metrics;
  }

  @Singleton
  @Bean(preDestroy = "close")
  JobEventStreams jobEventStreams(GatewaySettings settings, StatusViews views, JobQueryService queries,
      GatewayMetrics metrics) {
    return new JobEventStreams(views, queries, metrics, settings.sseKeepAlive());
  }

  @Singleton
  JobCancellationService jobCancellationService(JobPublisher publisher, StatusViews views) {
    return new JobCancellationService(publisher, views, Clock.systemUTC());
  }

  /** Eager: it watches from the start, not from the first request. */
  @Context
  @Bean(preDestroy = "close")
  ExecutorWaitLimits executorWaitLimits(GatewaySettings settings, StatusViews views, JobQueryService queries,
      JobCancellationService cancellations) {
    return new ExecutorWaitLimits(views, queries, cancellations, settings.executorWaitLimit(), System::currentTimeMillis)
        .start(Duration.ofSeconds(1));
  }

  @Singleton
  JobQueryService jobQueryService(StatusViews views, AuthSettings auth, ExecutorViews executors, GatewaySettings settings) {
    return new JobQueryService(views, auth.untenantedJobsOwner(),
        executors.presence(settings.executorStaleAfter(), System::currentTimeMillis));
  }
}
