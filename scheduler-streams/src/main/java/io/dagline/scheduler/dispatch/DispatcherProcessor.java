package io.dagline.scheduler.dispatch;

import io.dagline.schemas.AttemptsWithdrawn;
import io.dagline.schemas.DispatchEvent;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.SlotReleased;
import io.dagline.schemas.TaskReady;
import io.dagline.scheduler.SchedulerSettings;
import io.dagline.scheduler.StoreNames;
import io.dagline.topics.DaglineTopics;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** The level-2 processor, keyed by site: hands dispatch events to the {@link SiteDispatcher}. */
public final class DispatcherProcessor implements Processor<String, DispatchEvent, String, Object> {

  public static final String TASKS_SINK = "dispatcher-tasks-sink";
  public static final String PARTITION_EVENTS_SINK = "dispatcher-partition-events-sink";

  private final SchedulerSettings settings;
  private SiteDispatcher dispatcher;

  public DispatcherProcessor(SchedulerSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    dispatcher = new SiteDispatcher(
        context.getStateStore(StoreNames.SITES),
        context.getStateStore(StoreNames.READY_QUEUE),
        context.getStateStore(StoreNames.READY_INDEX),
        task -> {
          String key = DaglineTopics.partitionKey(task.getAttempt().getJobId(), task.getAttempt().getPartition());
          context.forward(new Record<>(key, (Object) task, task.getDispatchedAt()), TASKS_SINK);
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
  }
}
