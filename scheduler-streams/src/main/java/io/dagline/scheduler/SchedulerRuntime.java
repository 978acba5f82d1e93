package io.dagline.scheduler;

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
import org.apache.kafka.clients.producer.ProducerConfig;
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
      Path stateDir,
      int replicationFactor,
      int standbyReplicas,
      boolean exactlyOnce,
      int streamThreads) {

    public static Options local(String bootstrapServers, Path stateDir) {
      return new Options(bootstrapServers, "dagline-scheduler", stateDir, 1, 0, true, 1);
    }
  }

  private final KafkaStreams streams;
  private final KafkaSchemaCatalog catalog;
  private final CountDownLatch running = new CountDownLatch(1);

  private SchedulerRuntime(KafkaStreams streams, KafkaSchemaCatalog catalog) {
    this.streams = streams;
    this.catalog = catalog;
  }

  public static SchedulerRuntime start(Options options, SchedulerSettings settings) {
    KafkaSchemaCatalog catalog = new KafkaSchemaCatalog(options.bootstrapServers(), DaglineTopics.SCHEMAS);
    DaglineSchemas.publishAll(catalog);
    KafkaStreams streams = new KafkaStreams(
        SchedulerTopology.build(settings, WireFormat.singleObject(catalog)), streamsConfig(options));
    SchedulerRuntime runtime = new SchedulerRuntime(streams, catalog);
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
    config.put(StreamsConfig.STATE_DIR_CONFIG, options.stateDir().toAbsolutePath().toString());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        options.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, options.replicationFactor());
    config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, options.standbyReplicas());
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.streamThreads());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    config.putAll(SchedulerTopology.errorHandlingConfig()); // undecodable or failing records → dagline.dead-letters
    config.put(StreamsConfig.topicPrefix("min.insync.replicas"), Math.max(1, options.replicationFactor() - 1));
    // A dead instance's partitions move within seconds, not the default 45 s.
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_500);
    config.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), DaglineTopics.MAX_MESSAGE_BYTES);
    config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 2);
    // The transaction a killed instance left open blocks read-committed readers until it times out;
    // 5 s proved too short on a loaded 2-core machine (live transactions were aborted), so 10 s.
    config.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 10_000);
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
    catalog.close();
  }
}
