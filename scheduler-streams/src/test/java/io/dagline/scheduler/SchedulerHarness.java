package io.dagline.scheduler;

import io.dagline.core.model.JobSpec;
import io.dagline.ingest.TaskDefinitions;
import io.dagline.scheduler.metrics.SchedulerMetrics;
import io.dagline.schemas.DispatchEvent;
import io.dagline.schemas.ExecutionPlacement;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.schemas.CancelJob;
import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobStopped;
import io.dagline.schemas.JobSubmitted;
import io.dagline.schemas.TaskStarted;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.PartitionStatus;
import io.dagline.schemas.TaskCompleted;
import io.dagline.schemas.TaskDispatched;
import io.dagline.schemas.TaskFailed;
import io.dagline.serde.InMemorySchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.topics.DaglineTopics;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** Drives the scheduler topology without a broker, playing the gateway and the executors. */
final class SchedulerHarness implements AutoCloseable {

  static final String SITE = "default";

  private final TopologyTestDriver driver;
  private final TestInputTopic<String, JobCommand> commands;
  private final TestInputTopic<String, PartitionEvent> partitionEvents;
  private final TestInputTopic<String, PartitionEvent> reports;
  private final TestInputTopic<String, DispatchEvent> dispatchEvents;
  private final TestOutputTopic<String, TaskDispatched> tasks;
  private final TestOutputTopic<String, JobStatusChanged> jobStatus;
  private final TestOutputTopic<String, PartitionStatus> partitionStatus;
  private final TestOutputTopic<String, PartitionEvent> partitionEventsOut;
  private final TestOutputTopic<String, JobStopped> cancellations;
  private final TestOutputTopic<byte[], byte[]> deadLetters;
  private final Map<String, JobStatusChanged> latestStatus = new HashMap<>();
  private final TestOutputTopic<String, io.dagline.schemas.TaskResult> results;
  private final Map<String, TestOutputTopic<String, TaskDispatched>> otherSites = new HashMap<>();
  private final DaglineTopics topics;
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * A scheduler with one dispatch credit per executor slot, so that in these tests an executor's slots
   * and the attempts dispatched to it are the same number.
   */
  SchedulerHarness(SchedulerSettings settings) {
    this(settings, SchedulerMetrics.NONE);
  }

  SchedulerHarness(SchedulerSettings settings, SchedulerMetrics metrics) {
    this(settings.withPipelining(1), metrics, true);
  }

  /** A scheduler with the settings as given, the pipelining factor included. */
  static SchedulerHarness asGiven(SchedulerSettings settings) {
    return new SchedulerHarness(settings, SchedulerMetrics.NONE, true);
  }

  private SchedulerHarness(SchedulerSettings settings, SchedulerMetrics metrics, boolean asGiven) {
    WireFormat wire = WireFormat.singleObject(new InMemorySchemaCatalog());
    topics = new DaglineTopics(wire);
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "scheduler-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.putAll(SchedulerTopology.errorHandlingConfig());
    try {
      config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("dagline-ttd").toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    driver = new TopologyTestDriver(SchedulerTopology.build(settings, wire, metrics), config, now);
    var keys = Serdes.String();
    commands = driver.createInputTopic(topics.jobCommands.name(), keys.serializer(), topics.jobCommands.valueSerde().serializer());
    partitionEvents = driver.createInputTopic(topics.partitionEvents.name(), keys.serializer(), topics.partitionEvents.valueSerde().serializer());
    reports = driver.createInputTopic(topics.taskReports.name(), keys.serializer(), topics.taskReports.valueSerde().serializer());
    dispatchEvents = driver.createInputTopic(topics.dispatchEvents.name(), keys.serializer(), topics.dispatchEvents.valueSerde().serializer());
    tasks = driver.createOutputTopic(topics.tasks(SITE).name(), keys.deserializer(), topics.tasks(SITE).valueSerde().deserializer());
    jobStatus = driver.createOutputTopic(topics.jobStatus.name(), keys.deserializer(), topics.jobStatus.valueSerde().deserializer());
    partitionStatus = driver.createOutputTopic(topics.partitionStatus.name(), keys.deserializer(), topics.partitionStatus.valueSerde().deserializer());
    partitionEventsOut = driver.createOutputTopic(topics.partitionEvents.name(), keys.deserializer(), topics.partitionEvents.valueSerde().deserializer());
    cancellations = driver.createOutputTopic(topics.cancellations.name(), keys.deserializer(), topics.cancellations.valueSerde().deserializer());
    results = driver.createOutputTopic(topics.taskResults.name(), keys.deserializer(), topics.taskResults.valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(DaglineTopics.DEAD_LETTERS, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
  }

  void submit(JobSubmitted submitted) {
    commands.pipeInput(submitted.getJobId(), new JobCommand(submitted), now);
  }

  void cancel(String jobId) {
    commands.pipeInput(jobId, new JobCommand(new CancelJob(jobId, now.toEpochMilli(), "test", false)), now);
  }
  /** The command a gateway sends when a job's limit ran out: the job ends FAILED. */
  void failByLimit(String jobId, String reason) {
    commands.pipeInput(jobId, new JobCommand(new CancelJob(jobId, now.toEpochMilli(), reason, true)), now);
  }


  void start(TaskDispatched task) {
    reports.pipeInput(key(task), new PartitionEvent(new TaskStarted(task.getAttempt(),
        new ExecutionPlacement("executor-1", SITE), now.toEpochMilli())), now);
  }

  /** Writes bytes that are no record of any Dagline schema to the given input topic. */
  void pipeGarbage(String topic, String key) {
    driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer())
        .pipeInput(key, new byte[] {0x42, 0x13, 0x37, 0x00, 0x01}, now);
  }

  List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  static String header(TestRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  List<JobStopped> cancellations() {
    return cancellations.readValuesToList();
  }

  Instant now() {
    return now;
  }

  void submit(JobSpec job) {
    commands.pipeInput(job.jobId(), new JobCommand(TaskDefinitions.toJobSubmitted(job, now.toEpochMilli())), now);
  }

  void executorJoins(String executorId, int slots) {
    heartbeat(executorId, slots, List.of());
  }

  /** A heartbeat that reports the attempts the executor runs. */
  void heartbeat(String executorId, int slots, List<TaskDispatched> running) {
    dispatchEvents.pipeInput(SITE, new DispatchEvent(ExecutorHeartbeat.newBuilder().setExecutorId(executorId)
        .setSite(SITE).setSlots(slots).setSentAt(now.toEpochMilli())
        .setRunning(running.stream().map(TaskDispatched::getAttempt).toList()).build()), now);
  }

  /** The last heartbeat of an executor that stops, still naming the attempts it could not finish. */
  void stops(String executorId, List<TaskDispatched> running) {
    dispatchEvents.pipeInput(SITE, new DispatchEvent(ExecutorHeartbeat.newBuilder().setExecutorId(executorId)
        .setSite(SITE).setSlots(0).setSentAt(now.toEpochMilli()).setStopping(true)
        .setRunning(running.stream().map(TaskDispatched::getAttempt).toList()).build()), now);
  }

  /** Reports the attempt started by the executor, at the site it was dispatched to. */
  void start(TaskDispatched task, String executorId) {
    reports.pipeInput(key(task), new PartitionEvent(new TaskStarted(task.getAttempt(),
        new ExecutionPlacement(executorId, task.getSite()), now.toEpochMilli())), now);
  }

  /** Reports the attempt completed by the executor, at the site it was dispatched to. */
  void complete(TaskDispatched task, String executorId) {
    reports.pipeInput(key(task), new PartitionEvent(new TaskCompleted(task.getAttempt(),
        new ExecutionPlacement(executorId, task.getSite()), now.toEpochMilli(), now.toEpochMilli(), null, null)), now);
  }

  void fail(TaskDispatched task, String executorId, String error) {
    reports.pipeInput(key(task), new PartitionEvent(new TaskFailed(task.getAttempt(),
        new ExecutionPlacement(executorId, SITE), now.toEpochMilli(), now.toEpochMilli(), error, true)), now);
  }

  /** The results published to the task-results topic since the last call. */
  List<io.dagline.schemas.TaskResult> results() {
    return results.readValuesToList();
  }

  List<TaskDispatched> dispatched() {
    return tasks.readValuesToList();
  }

  /** Tasks released to another site's executors. */
  List<TaskDispatched> dispatchedAt(String site) {
    return otherSites.computeIfAbsent(site, name -> driver.createOutputTopic(topics.tasks(name).name(),
        Serdes.String().deserializer(), topics.tasks(name).valueSerde().deserializer())).readValuesToList();
  }

  void heartbeatAt(String site, String executorId, int slots) {
    dispatchEvents.pipeInput(site, new DispatchEvent(ExecutorHeartbeat.newBuilder().setExecutorId(executorId)
        .setSite(site).setSlots(slots).setSentAt(now.toEpochMilli()).build()), now);
  }

  void fail(TaskDispatched task, String site, String executorId, String error) {
    reports.pipeInput(key(task), new PartitionEvent(new TaskFailed(task.getAttempt(),
        new ExecutionPlacement(executorId, site), now.toEpochMilli(), now.toEpochMilli(), error, true)), now);
  }

  void complete(TaskDispatched task) {
    completeWith(task, null);
  }

  /** Completes the attempt with {@code result} (null: no result). */
  void completeWith(TaskDispatched task, String result) {
    reports.pipeInput(key(task), new PartitionEvent(new TaskCompleted(task.getAttempt(),
        new ExecutionPlacement("executor-1", SITE), now.toEpochMilli(), now.toEpochMilli(), result, null)), now);
  }

  /** Fails the attempt with a failure no retry can mend (e.g. an HTTP 4xx). */
  void failFinally(TaskDispatched task, String error) {
    reports.pipeInput(key(task), new PartitionEvent(new TaskFailed(task.getAttempt(),
        new ExecutionPlacement("executor-1", SITE), now.toEpochMilli(), now.toEpochMilli(), error, false)), now);
  }

  void fail(TaskDispatched task, String error) {
    reports.pipeInput(key(task), new PartitionEvent(new TaskFailed(task.getAttempt(),
        new ExecutionPlacement("executor-1", SITE), now.toEpochMilli(), now.toEpochMilli(), error, true)), now);
  }

  /** Lets the status punctuators run, then answers the job's latest published status. */
  JobStatusChanged status(String jobId) {
    advance(Duration.ofSeconds(1));
    jobStatus.readKeyValuesToList().forEach(kv -> latestStatus.put(kv.key, kv.value));
    return latestStatus.get(jobId);
  }

  List<PartitionStatus> partitionStatuses() {
    advance(Duration.ofSeconds(1));
    return partitionStatus.readValuesToList();
  }

  /** Everything the partition processors and the coordinator wrote to the partition-events topic (forwarded completions, grants). */
  List<PartitionEvent> forwardedEvents() {
    return partitionEventsOut.readValuesToList();
  }

  void advance(Duration duration) {
    now = now.plus(duration);
    driver.advanceWallClockTime(duration);
  }

  /** Runs tasks as executors would, one wave of dispatches at a time, until none is dispatched. */
  List<TaskDispatched> runToCompletion() {
    List<TaskDispatched> all = new ArrayList<>();
    List<TaskDispatched> wave = dispatched();
    while (!wave.isEmpty()) {
      all.addAll(wave);
      wave.forEach(this::complete);
      wave = dispatched();
    }
    return all;
  }

  TopologyTestDriver driver() {
    return driver;
  }

  private static String key(TaskDispatched task) {
    return DaglineTopics.partitionKey(task.getAttempt().getJobId(), task.getAttempt().getPartition());
  }

  @Override
  public void close() {
    driver.close();
  }
}
