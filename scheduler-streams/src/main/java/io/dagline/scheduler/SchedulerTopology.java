package io.dagline.scheduler;

import io.dagline.ingest.GraphIngestProcessor;
import io.dagline.ingest.GraphIngestor;
import io.dagline.schemas.TaskDispatched;
import io.dagline.schemas.TaskOutput;
import io.dagline.schemas.TaskReady;
import io.dagline.schemas.state.JobRecord;
import io.dagline.schemas.state.PartitionRecord;
import io.dagline.schemas.state.SiteRecord;
import io.dagline.schemas.state.TaskRecord;
import io.dagline.scheduler.coordinator.CoordinatorProcessor;
import io.dagline.scheduler.dispatch.DispatchChannel;
import io.dagline.scheduler.jobs.JobTrackerProcessor;
import io.dagline.scheduler.metrics.SchedulerMetrics;
import io.dagline.scheduler.tracking.TaskTrackerProcessor;
import io.dagline.serde.WireFormat;
import io.dagline.topics.DaglineTopics;
import io.dagline.topics.Topic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The scheduler's topology, four sub-topologies joined by topics:
 *
 * <ol>
 *   <li>ingest (key: job id): job commands → graph partitions and job acceptance;
 *   <li>the partition processor (key: graph partition): dependency tracking and dispatch. The step that
 *       hears a completion (from the executors' task-reports topic) dispatches the successors it made
 *       ready, within the partition's credits at their site, so a dependency hop crosses one processing
 *       stage; completions with successors in other partitions are forwarded, and status is published;
 *   <li>the site coordinator (key: site), off the critical path: executors' heartbeats and partitions'
 *       demands → dispatch credits granted to the partitions, and the attempts of lost executors;
 *   <li>job level (key: job id): partition progress and cancellations → job status, and the stop of
 *       a cancelled or failed job to its partitions and to the executors.
 * </ol>
 *
 * Each level is its own sub-topology because each is keyed differently; the topics between them are
 * the repartitioning. Dispatch records go out through a {@link DispatchChannel}: in the partition
 * processor's transaction, or (the runtime's default) straight to the executors (decision 0018).
 */
public final class SchedulerTopology {

  private static final String INGEST = "graph-ingest";
  private static final String TRACKER = "task-tracker";
  private static final String COORDINATOR = "coordinator";
  private static final String JOB_TRACKER = "job-tracker";

  private SchedulerTopology() {}

  public static Topology build(SchedulerSettings settings, WireFormat wireFormat) {
    return build(settings, wireFormat, SchedulerMetrics.NONE);
  }

  /** The topology whose processors report their work to {@code metrics}; dispatches in the transaction. */
  public static Topology build(SchedulerSettings settings, WireFormat wireFormat, SchedulerMetrics metrics) {
    return build(settings, wireFormat, metrics, DispatchChannel.inTransaction(TaskTrackerProcessor.TASKS_SINK));
  }

  /** The topology whose partition processors dispatch through {@code channels}. */
  public static Topology build(SchedulerSettings settings, WireFormat wireFormat, SchedulerMetrics metrics,
      DispatchChannel.Factory channels) {
    DaglineTopics topics = new DaglineTopics(wireFormat);
    Topology topology = new Topology();

    source(topology, "job-commands-source", topics.jobCommands);
    topology.addProcessor(INGEST,
        () -> new GraphIngestProcessor(new GraphIngestor(settings.ingest()), "ingest-partition-events-sink", "ingest-job-events-sink"),
        "job-commands-source");
    sink(topology, "ingest-partition-events-sink", topics.partitionEvents, INGEST);
    sink(topology, "ingest-job-events-sink", topics.jobEvents, INGEST);

    topology.addSource("partition-events-source", Serdes.String().deserializer(),
        topics.partitionEvents.valueSerde().deserializer(), topics.partitionEvents.name(), topics.taskReports.name());
    topology.addProcessor(TRACKER, () -> new TaskTrackerProcessor(settings, metrics, channels), "partition-events-source");
    topology.addStateStore(store(settings, StoreNames.TASKS, wireFormat.serde(TaskRecord.class)), TRACKER);
    topology.addStateStore(store(settings, StoreNames.PARTITIONS, wireFormat.serde(PartitionRecord.class)), TRACKER);
    topology.addStateStore(store(settings, StoreNames.STATUS_PENDING, Serdes.Long()), TRACKER);
    topology.addStateStore(store(settings, StoreNames.TIMERS, Serdes.Long()), TRACKER);
    topology.addStateStore(store(settings, StoreNames.DISPATCH_QUEUE, wireFormat.serde(TaskReady.class)), TRACKER);
    topology.addStateStore(store(settings, StoreNames.UPSTREAM_RESULTS, wireFormat.serde(TaskOutput.class)), TRACKER);
    sink(topology, TaskTrackerProcessor.PARTITION_EVENTS_SINK, topics.partitionEvents, TRACKER);
    sink(topology, TaskTrackerProcessor.DISPATCH_EVENTS_SINK, topics.dispatchEvents, TRACKER);
    sink(topology, TaskTrackerProcessor.JOB_EVENTS_SINK, topics.jobEvents, TRACKER);
    sink(topology, TaskTrackerProcessor.PARTITION_STATUS_SINK, topics.partitionStatus, TRACKER);
    sink(topology, TaskTrackerProcessor.TASK_RESULTS_SINK, topics.taskResults, TRACKER);
    Serializer<TaskDispatched> taskSerializer = wireFormat.serde(TaskDispatched.class).serializer();
    topology.addSink(TaskTrackerProcessor.TASKS_SINK,
        (key, task, context) -> DaglineTopics.tasksTopicName(((TaskDispatched) task).getSite()),
        Serdes.String().serializer(), castSerializer(taskSerializer), TRACKER);

    source(topology, "dispatch-events-source", topics.dispatchEvents);
    topology.addProcessor(COORDINATOR, () -> new CoordinatorProcessor(settings, metrics), "dispatch-events-source");
    topology.addStateStore(store(settings, StoreNames.SITES, wireFormat.serde(SiteRecord.class)), COORDINATOR);
    sink(topology, CoordinatorProcessor.PARTITION_EVENTS_SINK, topics.partitionEvents, COORDINATOR);

    source(topology, "job-events-source", topics.jobEvents);
    topology.addProcessor(JOB_TRACKER, JobTrackerProcessor::new, "job-events-source");
    topology.addStateStore(store(settings, StoreNames.JOBS, wireFormat.serde(JobRecord.class)), JOB_TRACKER);
    sink(topology, JobTrackerProcessor.JOB_STATUS_SINK, topics.jobStatus, JOB_TRACKER);
    sink(topology, JobTrackerProcessor.PARTITION_EVENTS_SINK, topics.partitionEvents, JOB_TRACKER);
    sink(topology, JobTrackerProcessor.CANCELLATIONS_SINK, topics.cancellations, JOB_TRACKER);
    return topology;
  }

  /**
   * How the scheduler treats records it cannot use: a record on any input topic that cannot be
   * decoded, or whose processing throws, is written unchanged to {@link DaglineTopics#DEAD_LETTERS}
   * with the exception, topic, partition and offset in {@code __streams.errors.*} headers (KIP-1034),
   * and processing goes on. Failing instead would stop the stream thread on the same record after every
   * restart, and with it all scheduling.
   */
  public static Map<String, Object> errorHandlingConfig() {
    return Map.of(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class,
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class,
        StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DaglineTopics.DEAD_LETTERS);
  }

  private static <V> void source(Topology topology, String name, Topic<String, V> topic) {
    topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
  }

  private static <V> void sink(Topology topology, String name, Topic<String, V> topic, String parent) {
    topology.addSink(name, topic.name(), topic.keySerde().serializer(), castSerializer(topic.valueSerde().serializer()), parent);
  }

  @SuppressWarnings("unchecked")
  private static <V> Serializer<Object> castSerializer(Serializer<V> serializer) {
    return (Serializer<Object>) serializer;
  }

  /**
   * RocksDB with a changelog (the default), or, for the benchmark's non-replicated baseline, in memory
   * without one: such a scheduler loses its state when it dies, like a scheduler without HA. The record
   * cache in front of RocksDB keeps the last write of each key until the commit, so a partition record
   * rewritten by every event of a commit interval reaches the changelog once.
   */
  private static <V> StoreBuilder<?> store(SchedulerSettings settings, String name, Serde<V> values) {
    if (settings.persistentStores()) {
      return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
          .withCachingEnabled();
    }
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
        .withLoggingDisabled();
  }
}
