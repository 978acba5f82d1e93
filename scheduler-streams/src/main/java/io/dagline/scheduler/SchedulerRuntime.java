package io.dagline.scheduler;

import io.dagline.scheduler.metrics.SchedulerMetrics;
import io.dagline.serde.DaglineSchemas;
import io.dagline.serde.KafkaSchemaCatalog;
import io.dagline.serde.WireFormat;
import io.dagline.topics.DaglineTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import io.dagline.scheduler.dispatch.DirectDispatch;
import io.dagline.scheduler.dispatch.DispatchChannel;
import io.dagline.scheduler.tracking.TaskTrackerProcessor;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One scheduler instance: the {@link SchedulerTopology} running in Kafka Streams. */
public final class SchedulerRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerRuntime.class);

  /** How a scheduler instance joins the cluster. */
  public record Options(
      String bootstrapServers,
      String applicationId,
      String instanceName,
      Path stateDir,
      int replicationFactor,
      int standbyReplicas,
      boolean exactlyOnce,
      int streamThreads,
      Failover failover,
      Duration commitInterval,
      boolean dispatchBeforeCommit) {

    /**
     * Kafka Streams' commit interval. Under exactly-once a record the scheduler writes in its transaction
     * becomes visible only when the transaction commits. With dispatch before the commit (the default)
     * a dependency hop inside a graph partition waits for no commit; completions forwarded to another
     * partition, credit grants and status do. Shorter means more transactions.
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    public Options(String bootstrapServers, String applicationId, String instanceName, Path stateDir,
        int replicationFactor, int standbyReplicas, boolean exactlyOnce, int streamThreads, Failover failover,
        Duration commitInterval) {
      this(bootstrapServers, applicationId, instanceName, stateDir, replicationFactor, standbyReplicas, exactlyOnce,
          streamThreads, failover, commitInterval, true);
    }

    public Options(String bootstrapServers, String applicationId, String instanceName, Path stateDir,
        int replicationFactor, int standbyReplicas, boolean exactlyOnce, int streamThreads, Failover failover) {
      this(bootstrapServers, applicationId, instanceName, stateDir, replicationFactor, standbyReplicas, exactlyOnce,
          streamThreads, failover, DEFAULT_COMMIT_INTERVAL);
    }

    public static Options local(String bootstrapServers, Path stateDir) {
      return new Options(bootstrapServers, "dagline-scheduler", "scheduler", stateDir, 1, 0, true, 1, Failover.SAFE);
    }

    public Options withCommitInterval(Duration interval) {
      return new Options(bootstrapServers, applicationId, instanceName, stateDir, replicationFactor, standbyReplicas,
          exactlyOnce, streamThreads, failover, interval, dispatchBeforeCommit);
    }

    /**
     * {@code true}: dispatch records go to the executors through a producer of their own, outside the
     * scheduler's transaction, and arrive in milliseconds; {@code false}: inside it, visible once it
     * commits (decision 0018).
     */
    public Options withDispatchBeforeCommit(boolean beforeCommit) {
      return new Options(bootstrapServers, applicationId, instanceName, stateDir, replicationFactor, standbyReplicas,
          exactlyOnce, streamThreads, failover, commitInterval, beforeCommit);
    }
  }

  /**
   * How fast a dead instance is replaced. Its partitions move once its session times out, and its
   * open transaction blocks the new owner until it times out too, so a takeover costs about the
   * larger of the two. Shorter is faster but aborts live transactions when a loaded machine stalls
   * a stream thread for longer; {@code FAST} needs brokers with group.min.session.timeout.ms ≤ 3 s.
   */
  public record Failover(Duration sessionTimeout, Duration transactionTimeout) {
    public static final Failover SAFE = new Failover(Duration.ofSeconds(6), Duration.ofSeconds(10));
    public static final Failover FAST = new Failover(Duration.ofSeconds(3), Duration.ofSeconds(4));
  }

  private final KafkaStreams streams;
  private final KafkaSchemaCatalog catalog;
  private final DirectDispatch dispatches;
  private final CountDownLatch running = new CountDownLatch(1);

  private SchedulerRuntime(KafkaStreams streams, KafkaSchemaCatalog catalog, DirectDispatch dispatches) {
    this.streams = streams;
    this.catalog = catalog;
    this.dispatches = dispatches;
  }

  public static SchedulerRuntime start(Options options, SchedulerSettings settings) {
    return start(options, settings, SchedulerMetrics.NONE);
  }

  /** Starts an instance whose processors report their work to {@code metrics}. */
  public static SchedulerRuntime start(Options options, SchedulerSettings settings, SchedulerMetrics metrics) {
    KafkaSchemaCatalog catalog = new KafkaSchemaCatalog(options.bootstrapServers(), DaglineTopics.SCHEMAS);
    DaglineSchemas.publishAll(catalog);
    WireFormat wireFormat = WireFormat.singleObject(catalog);
    DirectDispatch dispatches = null;
    DispatchChannel.Factory channels = DispatchChannel.inTransaction(TaskTrackerProcessor.TASKS_SINK);
    if (options.dispatchBeforeCommit()) {
      dispatches = new DirectDispatch(new KafkaProducer<>(dispatchProducerConfig(options), new StringSerializer(),
          new DaglineTopics(wireFormat).tasks("any").valueSerde().serializer()));
      channels = DispatchChannel.shared(dispatches);
    }
    KafkaStreams streams = new KafkaStreams(
        SchedulerTopology.build(settings, wireFormat, metrics, channels), streamsConfig(options));
    SchedulerRuntime runtime = new SchedulerRuntime(streams, catalog, dispatches);
    streams.setStateListener((now, before) -> {
      LOG.info("scheduler {} -> {}", before, now);
      if (now == KafkaStreams.State.RUNNING) {
        runtime.running.countDown();
      }
    });
    streams.start();
    return runtime;
  }

  static Properties streamsConfig(Options options) {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, options.applicationId());
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    // Names the instance's clients (e.g. scheduler-2-StreamThread-1-consumer) so operators can tell who owns what.
    config.put(StreamsConfig.CLIENT_ID_CONFIG, options.instanceName());
    config.put(StreamsConfig.STATE_DIR_CONFIG, options.stateDir().toAbsolutePath().toString());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        options.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, options.replicationFactor());
    config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, options.standbyReplicas());
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.streamThreads());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) options.commitInterval().toMillis());
    // Each sub-topology reads one topic, so there is nothing to align across inputs; with the default (0)
    // Kafka Streams formats a log message per empty input partition on every readiness check (profiled).
    config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    config.putAll(SchedulerTopology.errorHandlingConfig()); // undecodable or failing records → dagline.dead-letters
    config.put(StreamsConfig.topicPrefix("min.insync.replicas"), Math.max(1, options.replicationFactor() - 1));
    // A dead instance's partitions move within seconds, not the default 45 s.
    int sessionMs = (int) options.failover().sessionTimeout().toMillis();
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), sessionMs);
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), Math.max(500, sessionMs / 4));
    config.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), DaglineTopics.MAX_MESSAGE_BYTES);
    config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 2);
    config.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        (int) options.failover().transactionTimeout().toMillis());
    return config;
  }

  /**
   * The producer of dispatches sent before the commit: idempotent, every replica acknowledges, sent at
   * once (dispatch latency is the point; the broker batches what arrives together anyway).
   */
  static Properties dispatchProducerConfig(Options options) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, options.instanceName() + "-dispatch");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, DaglineTopics.MAX_MESSAGE_BYTES);
    return config;
  }

  /** Waits until the instance has its partitions assigned and is processing. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    if (dispatches != null) {
      dispatches.close(); // after the stream threads: what they sent is delivered
    }
    catalog.close();
  }
}
