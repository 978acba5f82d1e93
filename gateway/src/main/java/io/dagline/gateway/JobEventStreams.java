package io.dagline.gateway;

import io.dagline.gateway.api.JobStatusResponse;
import io.dagline.gateway.api.TaskStatusResponse;
import io.dagline.schemas.JobStates;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.PartitionStatus;
import io.micronaut.http.sse.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Live server-sent events from the status views: {@code job} with a job's status whenever it changes,
 * {@code tasks} with the tasks a partition report changed. A job's stream starts with its current
 * status and all its tasks, and completes after the job reached a final state.
 *
 * <p>Events are pushed from the view's consumer thread into a bounded buffer per subscriber; a client
 * that falls {@value #BUFFER} events behind loses its stream (and reconnects, getting a fresh snapshot)
 * rather than making the gateway hold an unbounded backlog. A comment every
 * {@code dagline.gateway.sse-keep-alive} (15 s) keeps idle connections open through proxies.
 */
public final class JobEventStreams implements AutoCloseable {

  public static final String JOB = "job";
  public static final String TASKS = "tasks";
  static final int BUFFER = 10_000;
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

  private final StatusViews views;
  private final JobQueryService queries;
  private final GatewayMetrics metrics;
  private final Duration keepAliveEvery;
  private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "dagline-gateway-sse-keep-alive");
    thread.setDaemon(true);
    return thread;
  });

  public JobEventStreams(StatusViews views, JobQueryService queries, GatewayMetrics metrics, Duration keepAliveEvery) {
    this.keepAliveEvery = keepAliveEvery;
    this.views = views;
    this.queries = queries;
    this.metrics = metrics;
  }

  /** One job's events; 404 (before any event) when the job is not known to this tenant. */
  public Flux<Event<?>> job(String jobId, String tenant) {
    queries.visibleJob(jobId, tenant);
    return stream(sink -> new StatusViews.Listener() {
      @Override
      public void jobChanged(JobStatusChanged status) {
        if (status.getJobId().equals(jobId)) {
          sink.next(Event.of(JobStatusResponse.from(status)).name(JOB));
          if (JobStates.isFinal(status.getState())) {
            sink.complete();
          }
        }
      }

      @Override
      public void partitionChanged(String changedJobId, PartitionStatus previous, PartitionStatus current) {
        if (changedJobId.equals(jobId)) {
          List<TaskStatusResponse> changed = JobQueryService.changedTasks(previous, current);
          if (!changed.isEmpty()) {
            sink.next(Event.of(changed).name(TASKS));
          }
        }
      }
    }, sink -> {
      // The snapshot comes after the listener is in place, so no change falls between the two.
      JobStatusChanged status = queries.visibleJob(jobId, tenant);
      List<TaskStatusResponse> tasks = queries.tasks(jobId, null, null, null, tenant).tasks();
      if (!tasks.isEmpty()) {
        sink.next(Event.of(tasks).name(TASKS));
      }
      sink.next(Event.of(JobStatusResponse.from(status)).name(JOB));
      if (JobStates.isFinal(status.getState())) {
        sink.complete();
      }
    });
  }

  /** Every job's {@code job} events (those of the tenant's jobs when authentication is on); never completes. */
  public Flux<Event<?>> allJobs(String tenant) {
    return stream(sink -> new StatusViews.Listener() {
      @Override
      public void jobChanged(JobStatusChanged status) {
        if (queries.visibleTo(status, tenant)) {
          sink.next(Event.of(JobStatusResponse.from(status)).name(JOB));
        }
      }

      @Override
      public void partitionChanged(String jobId, PartitionStatus previous, PartitionStatus current) {
        // the jobs list only needs the jobs' own status
      }
    }, sink -> { });
  }

  private interface ListenerFactory {
    StatusViews.Listener create(FluxSink<Event<?>> sink);
  }

  private interface Snapshot {
    void send(FluxSink<Event<?>> sink);
  }

  private Flux<Event<?>> stream(ListenerFactory listeners, Snapshot snapshot) {
    Flux<Event<?>> events = Flux.create(sink -> {
      StatusViews.Listener listener = listeners.create(sink);
      AtomicBoolean open = new AtomicBoolean(true);
      metrics.subscribed();
      views.addListener(listener);
      ScheduledFuture<?> beat = keepAlive.scheduleAtFixedRate(
          () -> sink.next(Event.of((Object) "").comment("keep-alive")),
          keepAliveEvery.toMillis(), keepAliveEvery.toMillis(), TimeUnit.MILLISECONDS);
      sink.onDispose(() -> {
        if (open.compareAndSet(true, false)) {
          views.removeListener(listener);
          beat.cancel(false);
          metrics.unsubscribed();
        }
      });
      try {
        snapshot.send(sink);
      } catch (RuntimeException e) {
        sink.error(e);
      }
    }, FluxSink.OverflowStrategy.BUFFER);
    return events.onBackpressureBuffer(BUFFER);
  }

  @Override
  public void close() {
    keepAlive.shutdownNow();
  }
}
