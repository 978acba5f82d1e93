package io.dagline.scheduler.tracking;

import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import io.dagline.schemas.AttemptLost;
import io.dagline.schemas.CreditsGranted;
import io.dagline.schemas.DispatchEvent;
import io.dagline.schemas.GraphPartitionCreated;
import io.dagline.schemas.JobEvent;
import io.dagline.schemas.JobStopped;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.PartitionProgressed;
import io.dagline.schemas.PartitionStatus;
import io.dagline.schemas.TaskCompleted;
import io.dagline.schemas.TaskCounts;
import io.dagline.schemas.TaskFailed;
import io.dagline.schemas.TaskResult;
import io.dagline.schemas.TaskStarted;
import io.dagline.schemas.TaskStatusEntry;
import io.dagline.schemas.UpstreamCompleted;
import io.dagline.schemas.UpstreamFailed;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.TaskRecord;
import io.dagline.scheduler.SchedulerSettings;
import io.dagline.scheduler.StoreNames;
import io.dagline.scheduler.dispatch.DispatchChannel;
import io.dagline.scheduler.dispatch.PartitionDispatcher;
import io.dagline.scheduler.metrics.SchedulerMetrics;
import io.dagline.topics.DaglineTopics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The partition processor, keyed by graph-partition key: hands each event (from the scheduler's own
 * partition-events topic and from the executors' task-reports topic) to the {@link PartitionScheduler},
 * whose dispatches go out through the {@link DispatchChannel}; and publishes the status of changed partitions at most once per
 * status interval, so status traffic does not grow with the number of task transitions.
 */
public final class TaskTrackerProcessor implements Processor<String, PartitionEvent, String, Object> {

  public static final String PARTITION_EVENTS_SINK = "tracker-partition-events-sink";
  public static final String DISPATCH_EVENTS_SINK = "tracker-dispatch-events-sink";
  public static final String TASKS_SINK = "tracker-tasks-sink";
  /** A partition's whole task list is published at most this often while it runs. */
  static final long TASK_LIST_INTERVAL_MS = 1_000;
  public static final String JOB_EVENTS_SINK = "tracker-job-events-sink";
  public static final String PARTITION_STATUS_SINK = "tracker-partition-status-sink";
  public static final String TASK_RESULTS_SINK = "tracker-task-results-sink";

  private final SchedulerSettings settings;
  private final AttemptRules rules;
  private final SchedulerMetrics metrics;
  private final DispatchChannel.Factory channels;
  private ProcessorContext<String, Object> context;
  private PartitionScheduler scheduler;
  private TaskStore tasks;
  private KeyValueStore<String, PartitionRecord> partitions;
  private KeyValueStore<String, Long> statusPending;
  private long currentTimestamp;
  /** When each partition's task list was last published; only a pacing hint, so held in memory. */
  private final Map<String, Long> taskListPublishedAt = new HashMap<>();

  public TaskTrackerProcessor(SchedulerSettings settings, SchedulerMetrics metrics, DispatchChannel.Factory channels) {
    this.settings = settings;
    this.rules = new AttemptRules(settings);
    this.metrics = metrics;
    this.channels = channels;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.tasks = new TaskStore(context.getStateStore(StoreNames.TASKS));
    this.partitions = context.getStateStore(StoreNames.PARTITIONS);
    this.statusPending = context.getStateStore(StoreNames.STATUS_PENDING);
    PartitionDispatcher dispatcher = new PartitionDispatcher(context.getStateStore(StoreNames.DISPATCH_QUEUE),
        channels.open(context),
        demand -> context.forward(new Record<>(demand.getSite(), (Object) new DispatchEvent(demand), currentTimestamp),
            DISPATCH_EVENTS_SINK),
        failure -> context.forward(new Record<>(failure.getSite(), (Object) new DispatchEvent(failure), currentTimestamp),
            DISPATCH_EVENTS_SINK),
        settings.exclusion().enabled(), metrics, context::currentSystemTimeMs,
        settings.planningPlatform().map(TaskTrackerProcessor::slotsBySite).orElse(Map.of()));
    this.scheduler = new PartitionScheduler(tasks, partitions, statusPending,
        new TimerStore(context.getStateStore(StoreNames.TIMERS)), new ForwardingOutbox(), dispatcher,
        new TaskInputs(tasks, context.getStateStore(StoreNames.UPSTREAM_RESULTS)), settings, context::currentSystemTimeMs);
    currentTimestamp = context.currentSystemTimeMs();
    scheduler.redispatchUnstarted();
    context.schedule(settings.statusInterval(), PunctuationType.WALL_CLOCK_TIME, this::publishStatus);
    // Retries and deadlines are due by wall-clock time, whether or not records arrive.
    context.schedule(settings.timerInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
      currentTimestamp = now;
      scheduler.fireTimers(now);
    });
  }

  @Override
  public void process(Record<String, PartitionEvent> record) {
    currentTimestamp = record.timestamp();
    Object event = record.value().getEvent();
    if (event instanceof GraphPartitionCreated created) {
      scheduler.onPartitionCreated(created);
    } else if (event instanceof TaskStarted started) {
      scheduler.onTaskStarted(started);
    } else if (event instanceof TaskCompleted completed) {
      metrics.taskCompleted();
      scheduler.onTaskCompleted(completed);
    } else if (event instanceof TaskFailed failed) {
      metrics.taskFailed();
      scheduler.onTaskFailed(failed);
    } else if (event instanceof UpstreamCompleted upstream) {
      scheduler.onUpstreamCompleted(upstream);
    } else if (event instanceof UpstreamFailed upstream) {
      scheduler.onUpstreamFailed(upstream);
    } else if (event instanceof JobStopped stopped) {
      scheduler.onJobStopped(stopped);
    } else if (event instanceof AttemptLost lost) {
      scheduler.onAttemptLost(lost);
    } else if (event instanceof CreditsGranted grant) {
      scheduler.onCreditsGranted(grant);
    }
  }

  /**
   * Every status interval, the counts of each partition that changed; its task list (every task's state,
   * read from the store and written whole to the compacted partition-status topic) at most once per
   * {@link #TASK_LIST_INTERVAL_MS}, and at once when the partition is over. The task list was a fifth of
   * the scheduler's CPU when it went out with the counts (profiled).
   */
  private void publishStatus(long now) {
    currentTimestamp = now;
    List<String> published = new ArrayList<>();
    try (var pending = statusPending.all()) {
      while (pending.hasNext()) {
        KeyValue<String, Long> entry = pending.next();
        PartitionRecord partition = partitions.get(entry.key);
        if (partition == null) {
          published.add(entry.key);
          continue;
        }
        publishCounts(partition, now);
        boolean over = TaskSteps.isOver(partition);
        if (over || now - taskListPublishedAt.getOrDefault(entry.key, 0L) >= TASK_LIST_INTERVAL_MS) {
          publishTaskList(entry.key, partition, now);
          taskListPublishedAt.put(entry.key, now);
          published.add(entry.key);
        }
        if (over) {
          taskListPublishedAt.remove(entry.key);
        }
      }
    }
    published.forEach(statusPending::delete);
  }

  private void publishTaskList(String key, PartitionRecord partition, long now) {
    List<TaskStatusEntry> entries = new ArrayList<>(partition.getTaskCount());
    tasks.forEachInPartition(partition.getJobId(), partition.getPartition(), task -> entries.add(statusOf(task)));
    context.forward(new Record<>(key, (Object) new PartitionStatus(
        partition.getJobId(), partition.getPartition(), now, entries), now), PARTITION_STATUS_SINK);
  }

  private void publishCounts(PartitionRecord partition, long now) {
    TaskCounts counts = TaskCounts.newBuilder(partition.getCounts()).build();
    context.forward(new Record<>(partition.getJobId(), (Object) new JobEvent(new PartitionProgressed(
        partition.getJobId(), partition.getPartition(), partition.getTaskCount(), counts,
        partition.getFirstStartedAt(), partition.getLastFinishedAt(), partition.getFailedTaskId(),
        partition.getError(), now, partition.getFailedAttempts())), now), JOB_EVENTS_SINK);
  }

  private TaskStatusEntry statusOf(TaskRecord task) {
    return new TaskStatusEntry(task.getDefinition().getId(), task.getState(), task.getAttempt(),
        task.getDefinition().getDependencies(), task.getExecutorId(), task.getSite(), task.getReadyAt(),
        task.getStartedAt(), task.getFinishedAt(), task.getError(), task.getRetryAt(), task.getPreviousAttempts(),
        TaskSteps.isFinished(task.getState()) ? null : rules.queueSite(task));
  }

  private final class ForwardingOutbox implements PartitionOutbox {

    @Override
    public void upstreamCompleted(UpstreamCompleted completed) {
      String key = DaglineTopics.partitionKey(completed.getJobId(), completed.getPartition());
      context.forward(new Record<>(key, (Object) new PartitionEvent(completed), currentTimestamp),
          PARTITION_EVENTS_SINK);
    }

    @Override
    public void resultAccepted(TaskResult result) {
      context.forward(new Record<>(DaglineTopics.taskKey(result.getJobId(), result.getTaskId()), (Object) result,
          currentTimestamp), TASK_RESULTS_SINK);
    }

    @Override
    public void upstreamFailed(UpstreamFailed failed) {
      String key = DaglineTopics.partitionKey(failed.getJobId(), failed.getPartition());
      context.forward(new Record<>(key, (Object) new PartitionEvent(failed), currentTimestamp),
          PARTITION_EVENTS_SINK);
    }
  }

  private static Map<String, Integer> slotsBySite(Platform platform) {
    return platform.sites().stream().collect(Collectors.toMap(Site::name, Site::slots));
  }
}
