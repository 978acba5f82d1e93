package io.dagline.scheduler.coordinator;

import io.dagline.schemas.DispatchEvent;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.schemas.PartitionDemand;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.SlotReleased;
import io.dagline.scheduler.SchedulerSettings;
import io.dagline.scheduler.StoreNames;
import io.dagline.scheduler.metrics.SchedulerMetrics;
import io.dagline.topics.DaglineTopics;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The site coordinator's processor, keyed by site: hands heartbeats, partitions' demands and failed
 * attempts to the {@link SiteCoordinator}; its grants and lost attempts go to the partitions. Records
 * of the retired two-stage dispatcher still in the topic (TaskReady, AttemptsWithdrawn) are ignored.
 */
public final class CoordinatorProcessor implements Processor<String, DispatchEvent, String, Object> {

  public static final String PARTITION_EVENTS_SINK = "coordinator-partition-events-sink";

  private final SchedulerSettings settings;
  private final SchedulerMetrics metrics;
  private final Set<String> sitesSeen = new HashSet<>();
  private SiteCoordinator coordinator;

  public CoordinatorProcessor(SchedulerSettings settings, SchedulerMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    coordinator = new SiteCoordinator(
        context.getStateStore(StoreNames.SITES),
        grant -> context.forward(new Record<>(DaglineTopics.partitionKey(grant.getJobId(), grant.getPartition()),
            (Object) new PartitionEvent(grant), grant.getGrantedAt()), PARTITION_EVENTS_SINK),
        lost -> {
          String key = DaglineTopics.partitionKey(lost.getAttempt().getJobId(), lost.getAttempt().getPartition());
          context.forward(new Record<>(key, (Object) new PartitionEvent(lost), lost.getLostAt()), PARTITION_EVENTS_SINK);
        },
        settings.executorTimeout().toMillis(),
        settings.exclusion(),
        settings.pipelining(),
        settings.poolShares(),
        context::currentSystemTimeMs);
    context.schedule(SiteCoordinator.CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
        now -> coordinator.expireSilentExecutors());
  }

  @Override
  public void process(Record<String, DispatchEvent> record) {
    Object event = record.value().getEvent();
    if (event instanceof PartitionDemand demand) {
      coordinator.onDemand(demand);
    } else if (event instanceof ExecutorHeartbeat heartbeat) {
      coordinator.onHeartbeat(heartbeat);
    } else if (event instanceof SlotReleased failed) {
      coordinator.onAttemptFailed(failed);
    }
    if (metrics != SchedulerMetrics.NONE && record.key() != null) {
      int[] demandAndGranted = coordinator.demandAndGranted(record.key()); // a store read, only when someone looks
      sitesSeen.add(record.key());
      metrics.siteQueue(record.key(), Math.max(0, demandAndGranted[0] - demandAndGranted[1]), demandAndGranted[1]);
    }
  }

  @Override
  public void close() {
    sitesSeen.forEach(metrics::siteReleased);
  }
}
