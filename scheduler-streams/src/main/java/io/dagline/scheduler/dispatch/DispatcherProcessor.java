package io.dagline.scheduler.dispatch;

import io.dagline.schemas.AttemptsWithdrawn;
import io.dagline.schemas.DispatchEvent;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.SlotReleased;
import io.dagline.schemas.TaskReady;
import io.dagline.schemas.state.SiteRecord;
import io.dagline.scheduler.SchedulerSettings;
import io.dagline.scheduler.StoreNames;
import io.dagline.scheduler.metrics.SchedulerMetrics;
import io.dagline.topics.DaglineTopics;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** The level-2 processor, keyed by site: hands dispatch events to the {@link SiteDispatcher}. */
public final class DispatcherProcessor implements Processor<String, DispatchEvent, String, Object> {

  public static final String TASKS_SINK = "dispatcher-tasks-sink";
  public static final String PARTITION_EVENTS_SINK = "dispatcher-partition-events-sink";

  private final SchedulerSettings settings;
  private final SchedulerMetrics metrics;
  private final Set<String> sitesSeen = new HashSet<>();
  private SiteDispatcher dispatcher;
  private KeyValueStore<String, SiteRecord> sites;

  public DispatcherProcessor(SchedulerSettings settings) {
    this(settings, SchedulerMetrics.NONE);
  }

  public DispatcherProcessor(SchedulerSettings settings, SchedulerMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    sites = context.getStateStore(StoreNames.SITES);
    dispatcher = new SiteDispatcher(
        sites,
        context.getStateStore(StoreNames.READY_QUEUE),
        context.getStateStore(StoreNames.READY_INDEX),
        task -> {
          String key = DaglineTopics.partitionKey(task.getAttempt().getJobId(), task.getAttempt().getPartition());
          context.forward(new Record<>(key, (Object) task, task.getDispatchedAt()), TASKS_SINK);
          metrics.taskDispatched(task.getSite(), task.getDispatchedAt() - task.getReadyAt());
        },
        lost -> {
          String key = DaglineTopics.partitionKey(lost.getAttempt().getJobId(), lost.getAttempt().getPartition());
          context.forward(new Record<>(key, (Object) new PartitionEvent(lost), lost.getLostAt()), PARTITION_EVENTS_SINK);
        },
        settings.executorTimeout().toMillis(),
        settings.exclusion(),
        context::currentSystemTimeMs);
    context.schedule(SiteDispatcher.CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> dispatcher.expireSilentExecutors());
  }

  @Override
  public void process(Record<String, DispatchEvent> record) {
    Object event = record.value().getEvent();
    if (event instanceof TaskReady ready) {
      dispatcher.onTaskReady(ready);
    } else if (event instanceof ExecutorHeartbeat heartbeat) {
      dispatcher.onHeartbeat(heartbeat);
    } else if (event instanceof SlotReleased released) {
      dispatcher.onSlotReleased(released);
    } else if (event instanceof AttemptsWithdrawn withdrawn) {
      dispatcher.onAttemptsWithdrawn(withdrawn);
    }
    if (metrics != SchedulerMetrics.NONE) {
      reportQueue(record.key()); // a store read per event, only when someone looks
    }
  }

  /** Events are keyed by site: the site's queue after the event, for the gauges. */
  private void reportQueue(String siteName) {
    SiteRecord site = siteName == null ? null : sites.get(siteName);
    if (site != null) {
      sitesSeen.add(siteName);
      metrics.siteQueue(siteName, site.getQueued(), site.getInFlight());
    }
  }

  @Override
  public void close() {
    sitesSeen.forEach(metrics::siteReleased);
  }
}
