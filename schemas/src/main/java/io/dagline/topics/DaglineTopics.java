package io.dagline.topics;

import io.dagline.schemas.DispatchEvent;
import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobEvent;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.JobStopped;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.PartitionStatus;
import io.dagline.schemas.TaskDispatched;
import io.dagline.schemas.TaskResult;
import io.dagline.serde.WireFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic Dagline uses, in one place: names, key and value types, and how each is created.
 *
 * <p>Keys: job id on the job topics, graph-partition key ({@code jobId/partition}) on the
 * partition topics, the task-reports topic and the task topics, site on the dispatch topic.
 */
public final class DaglineTopics {

  public static final String SCHEMAS = "dagline.schemas";
  public static final String JOB_COMMANDS = "dagline.job-commands";
  public static final String PARTITION_EVENTS = "dagline.partition-events";
  /**
   * Executors' reports (started, completed, failed; key: graph-partition key), written outside any
   * transaction. Apart from {@link #PARTITION_EVENTS}, which the scheduler writes in its transactions,
   * so that a report is never held back behind a transaction still open in the same partition: a
   * read_committed reader stops at the first open one.
   */
  public static final String TASK_REPORTS = "dagline.task-reports";
  public static final String DISPATCH_EVENTS = "dagline.dispatch-events";
  public static final String JOB_EVENTS = "dagline.job-events";
  public static final String JOB_STATUS = "dagline.job-status";
  public static final String PARTITION_STATUS = "dagline.partition-status";
  public static final String TASKS_PREFIX = "dagline.tasks.";
  /** Records no reader could decode or process, with the reason in headers (key and value as they were). */
  public static final String DEAD_LETTERS = "dagline.dead-letters";
  /**
   * Compacted, key {@code jobId/taskId}: the result the scheduler accepted for each task that succeeded
   * with one (tasks that produce nothing have no record). The gateway serves results from it.
   */
  public static final String TASK_RESULTS = "dagline.task-results";
  /** Compacted, key job id: jobs whose running attempts executors must stop. */
  public static final String CANCELLATIONS = "dagline.cancellations";

  /** Headers of a dead letter written by a Dagline component (Kafka Streams writes its own __streams.errors.*). */
  public static final String DEAD_LETTER_REASON_HEADER = "dagline.dead-letter.reason";
  public static final String DEAD_LETTER_TOPIC_HEADER = "dagline.dead-letter.topic";
  public static final String DEAD_LETTER_PARTITION_HEADER = "dagline.dead-letter.partition";
  public static final String DEAD_LETTER_OFFSET_HEADER = "dagline.dead-letter.offset";
  /** A cancellation is kept long enough for every executor to see it, then compacted or deleted. */
  public static final long CANCELLATION_RETENTION_MS = 24L * 60 * 60 * 1000;

  /** Large graphs travel as one JobSubmitted record and a few partition records. */
  public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  public final Topic<String, JobCommand> jobCommands;
  public final Topic<String, PartitionEvent> partitionEvents;
  public final Topic<String, PartitionEvent> taskReports;
  public final Topic<String, DispatchEvent> dispatchEvents;
  public final Topic<String, JobEvent> jobEvents;
  public final Topic<String, JobStatusChanged> jobStatus;
  public final Topic<String, PartitionStatus> partitionStatus;
  public final Topic<String, JobStopped> cancellations;
  public final Topic<String, TaskResult> taskResults;
  private final Serde<TaskDispatched> taskDispatchedSerde;

  public DaglineTopics(WireFormat wireFormat) {
    Serde<String> keys = Serdes.String();
    jobCommands = new Topic<>(JOB_COMMANDS, keys, wireFormat.serde(JobCommand.class));
    partitionEvents = new Topic<>(PARTITION_EVENTS, keys, wireFormat.serde(PartitionEvent.class));
    taskReports = new Topic<>(TASK_REPORTS, keys, partitionEvents.valueSerde());
    dispatchEvents = new Topic<>(DISPATCH_EVENTS, keys, wireFormat.serde(DispatchEvent.class));
    jobEvents = new Topic<>(JOB_EVENTS, keys, wireFormat.serde(JobEvent.class));
    jobStatus = new Topic<>(JOB_STATUS, keys, wireFormat.serde(JobStatusChanged.class));
    partitionStatus = new Topic<>(PARTITION_STATUS, keys, wireFormat.serde(PartitionStatus.class));
    cancellations = new Topic<>(CANCELLATIONS, keys, wireFormat.serde(JobStopped.class));
    taskResults = new Topic<>(TASK_RESULTS, keys, wireFormat.serde(TaskResult.class));
    taskDispatchedSerde = wireFormat.serde(TaskDispatched.class);
  }

  public Topic<String, TaskDispatched> tasks(String site) {
    return new Topic<>(tasksTopicName(site), Serdes.String(), taskDispatchedSerde);
  }

  public static String tasksTopicName(String site) {
    return TASKS_PREFIX + site;
  }

  public static String partitionKey(String jobId, int partition) {
    return jobId + "/" + partition;
  }

  /** Key of the task-results topic. */
  public static String taskKey(String jobId, String taskId) {
    return jobId + "/" + taskId;
  }

  /** Every topic Dagline needs for the given sites, with its partition count and configuration. */
  public static List<NewTopic> newTopics(TopicLayout layout, Collection<String> sites) {
    List<NewTopic> topics = new ArrayList<>();
    topics.add(compacted(SCHEMAS, 1, layout));
    topics.add(log(JOB_COMMANDS, layout));
    topics.add(log(PARTITION_EVENTS, layout));
    topics.add(log(TASK_REPORTS, layout)); // co-partitioned with PARTITION_EVENTS: one processor reads both
    topics.add(log(DISPATCH_EVENTS, layout));
    topics.add(log(JOB_EVENTS, layout));
    topics.add(compacted(JOB_STATUS, layout.partitions(), layout));
    topics.add(compacted(PARTITION_STATUS, layout.partitions(), layout));
    topics.add(compacted(TASK_RESULTS, layout.partitions(), layout));
    topics.add(log(DEAD_LETTERS, layout));
    topics.add(new NewTopic(CANCELLATIONS, layout.partitions(), layout.replicationFactor()).configs(Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
        TopicConfig.RETENTION_MS_CONFIG, Long.toString(CANCELLATION_RETENTION_MS),
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(layout.minInSyncReplicas()))));
    for (String site : sites) {
      topics.add(tasks(tasksTopicName(site), layout));
    }
    return topics;
  }

  /**
   * A site's tasks topic has one partition, which every executor slot of the site shares (a share group
   * gives each partition to all its members when they outnumber the partitions): any free slot takes the
   * next task. With several partitions, each slot reads only some of them, so a task can wait in one
   * partition while slots that read others are idle. The site's dispatcher is one stream task anyway, so
   * one partition costs no parallelism; it does bound a site to the broker's share-partition in-flight
   * limit (group.share.partition.max.record.locks).
   */
  private static NewTopic tasks(String name, TopicLayout layout) {
    return new NewTopic(name, 1, layout.replicationFactor()).configs(Map.of(
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(layout.minInSyncReplicas()),
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES)));
  }

  private static NewTopic log(String name, TopicLayout layout) {
    return new NewTopic(name, layout.partitions(), layout.replicationFactor()).configs(Map.of(
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(layout.minInSyncReplicas()),
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES)));
  }

  private static NewTopic compacted(String name, int partitions, TopicLayout layout) {
    return new NewTopic(name, partitions, layout.replicationFactor()).configs(Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(layout.minInSyncReplicas()),
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES)));
  }
}
