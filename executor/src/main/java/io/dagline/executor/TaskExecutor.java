package io.dagline.executor;

import io.dagline.executor.metrics.ShareConsumerMetrics;
import io.dagline.observability.Health;
import io.dagline.schemas.DispatchEvent;
import io.dagline.schemas.ExecutionPlacement;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.schemas.FunctionSignature;
import io.dagline.schemas.PartitionEvent;
import io.dagline.schemas.TaskAttempt;
import io.dagline.schemas.TaskDispatched;
import io.dagline.serde.KafkaSchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.topics.DaglineTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateless executor: {@code slots} share consumers on its site's task topic, a heartbeat that
 * tells the dispatcher how many slots it offers, and completion reports. It never sees scheduler
 * state; it only follows the cancellations topic, to interrupt attempts of stopped jobs.
 */
public final class TaskExecutor implements AutoCloseable, MeterBinder {

  private static final Logger LOG = LoggerFactory.getLogger(TaskExecutor.class);
  /** How long the slots wait after one released a record this executor is excluded from, so that another executor takes it. */
  private static final Duration PAUSE_AFTER_RELEASE = Duration.ofMillis(500);
  /** How long {@link #close()} may take: compose gives containers 45 s between SIGTERM and SIGKILL. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);
  private static final long SECOND_NANOS = 1_000_000_000L;
  /** An attempt still running after this long is reported started (about the gateway's status interval). */
  private static final Duration START_REPORT_DELAY = Duration.ofMillis(250);

  private final ExecutorOptions options;
  private final List<String> functionNames;
  private final List<FunctionSignature> functionSignatures;
  private final KafkaSchemaCatalog catalog;
  private final KafkaProducer<String, PartitionEvent> reports;
  private final KafkaProducer<String, DispatchEvent> heartbeats;
  private final List<SlotWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final ScheduledExecutorService heartbeat;
  private final DeadLetters deadLetters;
  private final CancellationListener cancellations;
  private final ExecutorService runners;
  private final AtomicInteger busy = new AtomicInteger();
  private final List<KafkaShareConsumer<String, byte[]>> consumers = new ArrayList<>();
  private final List<AutoCloseable> meterBinders = new ArrayList<>();
  private volatile long lastHeartbeatAckedAt;
  private final AtomicLong pausedUntil = new AtomicLong();
  private volatile boolean closed;

  private TaskExecutor(ExecutorOptions options, FunctionRegistry functions, ExecutorMetrics metrics) {
    this.options = options;
    this.functionNames = List.copyOf(functions.names());
    this.functionSignatures = functions.signatures();
    this.catalog = new KafkaSchemaCatalog(options.bootstrapServers(), DaglineTopics.SCHEMAS);
    DaglineTopics topics = new DaglineTopics(WireFormat.singleObject(catalog));
    this.reports = new KafkaProducer<>(producerConfig("reports"), new StringSerializer(),
        topics.taskReports.valueSerde().serializer());
    Properties heartbeatConfig = producerConfig("heartbeats");
    // A heartbeat that cannot go out within an interval is stale anyway; never block a stop for a minute
    // (max.block.ms) waiting for brokers that are down.
    heartbeatConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.max(1_000, options.heartbeatInterval().toMillis()));
    this.heartbeats = new KafkaProducer<>(heartbeatConfig, new StringSerializer(),
        topics.dispatchEvents.valueSerde().serializer());
    CompletionReporter reporter = new CompletionReporter(reports, topics.taskReports,
        new ExecutionPlacement(options.executorId(), options.site()));
    var taskDeserializer = topics.tasks(options.site()).valueSerde().deserializer();
    this.deadLetters = new DeadLetters(options.bootstrapServers(), options.executorId() + "-dead-letters");
    this.cancellations = new CancellationListener(options.bootstrapServers(), options.executorId() + "-cancellations",
        topics.cancellations.valueSerde().deserializer(), jobId -> workers.forEach(worker -> worker.jobStopped(jobId)));
    // Functions run on runner threads, so an attempt can be interrupted; a function that ignores the
    // interrupt keeps its thread, and the next attempt gets a new one.
    AtomicInteger runnerCount = new AtomicInteger();
    this.runners = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, options.executorId() + "-runner-" + runnerCount.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, options.executorId() + "-heartbeat"));
    StartReports starts = new StartReports(reporter, heartbeat, START_REPORT_DELAY);
    for (int slot = 0; slot < options.consumers(); slot++) {
      var consumer = new KafkaShareConsumer<>(consumerConfig(slot), new StringDeserializer(), new ByteArrayDeserializer());
      consumer.subscribe(List.of(DaglineTopics.tasksTopicName(options.site())));
      consumers.add(consumer);
      workers.add(new SlotWorker(consumer, taskDeserializer, functions, reporter, starts, deadLetters, runners,
          cancellations::isStopped, options.speed(), busy, metrics, options.executorId(),
          options.runExcludedFromDelivery(), PAUSE_AFTER_RELEASE, pausedUntil));
    }

  }

  /** Starts an executor with the built-in functions and those the environment allows (see {@link FunctionSettings}). */
  public static TaskExecutor start(ExecutorOptions options) {
    return start(options, FunctionRegistry.load(FunctionSettings.fromEnvironment()));
  }

  public static TaskExecutor start(ExecutorOptions options, FunctionRegistry functions) {
    return start(options, functions, ExecutorMetrics.NONE);
  }

  /** Starts an executor whose slots report the attempts they run to {@code metrics}. */
  public static TaskExecutor start(ExecutorOptions options, FunctionRegistry functions, ExecutorMetrics metrics) {
    startShareGroupAtEarliest(options);
    TaskExecutor executor = new TaskExecutor(options, functions, metrics);
    executor.cancellations.start();
    for (int slot = 0; slot < executor.workers.size(); slot++) {
      Thread thread = new Thread(executor.workers.get(slot), options.executorId() + "-slot-" + slot);
      executor.threads.add(thread);
      thread.start();
    }
    long interval = options.heartbeatInterval().toMillis();
    executor.heartbeat.scheduleAtFixedRate(() -> executor.sendHeartbeat(false), 0, interval, TimeUnit.MILLISECONDS);
    LOG.info("executor {} at site {} started with {} slots: {}", options.executorId(), options.site(),
        options.slots(), functions.names());
    return executor;
  }

  /**
   * A share group starts at the latest offset; tasks dispatched before the first executor of a site
   * joined would never be delivered, so the group is set to start at the earliest. It also reads
   * committed records only: a scheduler that dispatches in its transaction (DAGLINE_DISPATCH=transactional)
   * must not have an aborted dispatch run; records written outside a transaction count as committed.
   */
  private static void startShareGroupAtEarliest(ExecutorOptions options) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers()))) {
      ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, options.shareGroup());
      admin.incrementalAlterConfigs(Map.of(group, List.of(
          new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET),
          // Only tasks whose dispatch committed: an aborted scheduler transaction must not run anything.
          new AlterConfigOp(new ConfigEntry("share.isolation.level", "read_committed"), AlterConfigOp.OpType.SET))))
          .all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot configure share group " + options.shareGroup(), e);
    }
  }

  public ExecutorOptions options() {
    return options;
  }

  public int busySlots() {
    return busy.get();
  }

  /** Live until closed or until a slot's loop died: then it offers slots nobody serves, and only a restart helps. */
  public Health liveness() {
    if (closed) {
      return Health.down("closed");
    }
    long stopped = workers.stream().filter(worker -> !worker.isPolling()).count();
    return stopped == 0 ? Health.up(workers.size() + " slot consumers polling")
        : Health.down(stopped + " of " + workers.size() + " slot consumers stopped");
  }

  /**
   * Ready while every slot's consumer is subscribed and polling, and the dispatcher hears from it: a
   * heartbeat was acknowledged by Kafka within the last three heartbeat intervals.
   */
  public Health readiness() {
    Health live = liveness();
    if (!live.up()) {
      return live;
    }
    long ackedAt = lastHeartbeatAckedAt;
    if (ackedAt == 0) {
      return Health.down("no heartbeat acknowledged yet");
    }
    long silentMs = System.currentTimeMillis() - ackedAt;
    long limitMs = 3 * options.heartbeatInterval().toMillis();
    return silentMs <= limitMs ? Health.up(live.detail() + "; last heartbeat " + silentMs + " ms ago")
        : Health.down("last heartbeat acknowledged " + silentMs + " ms ago");
  }

  /**
   * Binds the executor's gauges and its Kafka clients' metrics: the two producers through Micrometer's
   * {@code KafkaClientMetrics}, the share consumers through {@link ShareConsumerMetrics}.
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("dagline.executor.tasks.running", busy, AtomicInteger::get)
        .description("attempts running now").register(registry);
    Gauge.builder("dagline.executor.slots", options, ExecutorOptions::slots)
        .description("attempts this executor runs at once").register(registry);
    for (KafkaProducer<?, ?> producer : List.of(reports, heartbeats)) {
      KafkaClientMetrics clientMetrics = new KafkaClientMetrics(producer);
      clientMetrics.bindTo(registry);
      meterBinders.add(clientMetrics);
    }
    consumers.forEach(consumer -> new ShareConsumerMetrics(consumer::metrics).bindTo(registry));
  }

  /** The heartbeat names the attempts running here: if it stops, the scheduler fails them as lost. */
  private void sendHeartbeat(boolean stopping) {
    try {
      List<TaskAttempt> running = new ArrayList<>();
      workers.forEach(worker -> running.addAll(worker.runningAttempts()));
      heartbeats.send(new ProducerRecord<>(DaglineTopics.DISPATCH_EVENTS, options.site(), new DispatchEvent(
          ExecutorHeartbeat.newBuilder()
              .setExecutorId(options.executorId())
              .setSite(options.site())
              .setSlots(options.slots())
              .setBusy(busy.get())
              .setSpeed(options.speed())
              .setSentAt(System.currentTimeMillis())
              .setStopping(stopping)
              .setRunning(running)
              .setFunctions(functionNames)
              .setSignatures(functionSignatures)
              .build())), (metadata, error) -> {
                if (error == null) {
                  lastHeartbeatAckedAt = System.currentTimeMillis();
                }
              });
    } catch (RuntimeException e) {
      LOG.warn("heartbeat not sent: {}", e.getMessage());
    }
  }

  private Properties producerConfig(String purpose) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, options.executorId() + "-" + purpose);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // A report is on the critical path of the next dependency hop: sent at once (measured: a 300-task chain's
    // hop p50 9 ms with 1 ms of linger, 7 ms without). Reports of slots that end together still share a request.
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return config;
  }

  private Properties consumerConfig(int slot) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, options.shareGroup());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, options.executorId() + "-slot-" + slot);
    config.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
    // One task per slot: the broker hands this consumer one record, the rest stay for other slots.
    config.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, options.tasksPerPoll());
    return config;
  }

  /** Stops taking tasks, lets running ones finish and report, and tells the dispatcher it is gone. */
  @Override
  public void close() {
    close(DEFAULT_SHUTDOWN_TIMEOUT);
  }

  /**
   * Stops within about {@code timeout}, whether or not the brokers answer: slots stop polling and finish
   * their reports while time is left, then are interrupted; each client gets what remains of the time to
   * close (an attempt whose report could not be sent is delivered again after its lock expires).
   */
  public synchronized void close(Duration timeout) {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    heartbeat.shutdownNow();
    for (AutoCloseable binder : meterBinders) {
      try {
        binder.close();
      } catch (Exception e) {
        LOG.debug("could not close a meter binder", e);
      }
    }
    workers.forEach(SlotWorker::stop);
    joinUntil(deadline, timeout);
    threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
    runners.shutdownNow();
    joinUntil(deadline + SECOND_NANOS, timeout);
    cancellations.close(remaining(deadline));
    sendHeartbeat(true);
    heartbeats.close(remaining(deadline));
    deadLetters.close(remaining(deadline));
    reports.close(remaining(deadline));
    catalog.close();
    LOG.info("executor {} stopped", options.executorId());
  }

  private void joinUntil(long deadline, Duration timeout) {
    for (Thread thread : threads) {
      try {
        long millis = remaining(deadline).toMillis();
        if (millis > 0) {
          thread.join(millis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

}
