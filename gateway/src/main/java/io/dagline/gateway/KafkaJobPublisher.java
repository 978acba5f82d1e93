package io.dagline.gateway;

import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.serde.SchemaCatalog;
import io.dagline.topics.DaglineTopics;
import io.dagline.topics.Topic;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes submitted jobs with one idempotent producer (acks=all), shared by all requests.
 *
 * <p>The status is written and acknowledged before the command is sent. The two records go to
 * different topics, so the producer alone does not order them; waiting makes sure that the
 * scheduler, which only starts on the command, cannot write a later status that SUBMITTED would
 * then overwrite, and that a failed status write sends no command at all.
 */
public final class KafkaJobPublisher implements JobPublisher, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaJobPublisher.class);
  /** Room left in a record for its key and framing. */
  private static final int MAX_VALUE_BYTES = DaglineTopics.MAX_MESSAGE_BYTES - 4 * 1024;

  private final KafkaProducer<String, byte[]> producer;
  private final Topic<String, JobStatusChanged> statusTopic;
  private final Topic<String, JobCommand> commandTopic;
  private final Serializer<JobStatusChanged> statusSerializer;
  private final Serializer<JobCommand> commandSerializer;
  private final Duration ackTimeout;
  private final SchemaCatalog catalog;
  private volatile boolean warm;
  private final ExecutorService encoders = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "dagline-gateway-encoder");
    thread.setDaemon(true);
    return thread;
  });

  public KafkaJobPublisher(String bootstrapServers, DaglineTopics topics, SchemaCatalog catalog, Duration ackTimeout) {
    this.catalog = catalog;
    this.statusTopic = topics.jobStatus;
    this.commandTopic = topics.jobCommands;
    this.statusSerializer = statusTopic.valueSerde().serializer();
    this.commandSerializer = commandTopic.valueSerde().serializer();
    this.ackTimeout = ackTimeout;
    int timeoutMs = (int) ackTimeout.toMillis();
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, "dagline-gateway",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        // A large job travels as one record: allow what the topics allow.
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, DaglineTopics.MAX_MESSAGE_BYTES + 64 * 1024,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1_000, timeoutMs / 2),
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs,
        ProducerConfig.LINGER_MS_CONFIG, 0),
        new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * Does once, ahead of the first request, what the first request would otherwise wait for: publishing
   * the schemas of the records it writes and learning the leaders of its topics. On a cluster that has
   * just created its topics this can take longer than a request may wait, so the gateway calls it until it
   * succeeds and reports itself not ready until then.
   *
   * @return whether the publisher is warm
   */
  public boolean warmUp() {
    if (warm) {
      return true;
    }
    try {
      catalog.publish(JobStatusChanged.getClassSchema());
      catalog.publish(JobCommand.getClassSchema());
      producer.partitionsFor(statusTopic.name());
      producer.partitionsFor(commandTopic.name());
      warm = true;
    } catch (RuntimeException e) {
      log.info("job publisher not ready yet: {}", String.valueOf(e));
    }
    return warm;
  }

  public boolean isWarm() {
    return warm;
  }

  @Override
  public void publish(JobStatusChanged submittedStatus, JobCommand submitCommand) {
    String jobId = submittedStatus.getJobId();
    // Both values are encoded before anything is sent, so that a job too large for its topic is
    // refused with nothing of it written.
    byte[] status = encode(statusTopic.name(), jobId, () -> statusSerializer.serialize(statusTopic.name(), submittedStatus));
    byte[] command = encode(commandTopic.name(), jobId, () -> commandSerializer.serialize(commandTopic.name(), submitCommand));
    if (command.length > MAX_VALUE_BYTES) {
      throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ErrorCodes.PAYLOAD_TOO_LARGE,
          "job " + jobId + " encodes to " + command.length + " bytes; at most " + MAX_VALUE_BYTES + " fit in one record");
    }
    send(statusTopic.name(), jobId, status);
    try {
      send(commandTopic.name(), jobId, command);
    } catch (ApiException e) {
      markFailed(submittedStatus, e.getMessage());
      throw e;
    }
  }

  @Override
  public void command(String jobId, JobCommand command) {
    byte[] value = encode(commandTopic.name(), jobId, () -> commandSerializer.serialize(commandTopic.name(), command));
    send(commandTopic.name(), jobId, value);
  }

  /**
   * Encodes on a helper thread with a bound: the first encoding of a type publishes its schema to
   * the schemas topic, which {@link io.dagline.serde.KafkaSchemaCatalog} waits for without a limit of
   * its own, and a request must not hang for minutes while Kafka is away.
   */
  private byte[] encode(String topic, String key, Supplier<byte[]> encoder) {
    Future<byte[]> encoding = encoders.submit(encoder::get);
    try {
      return encoding.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      encoding.cancel(true);
      throw unavailable(topic, key, e);
    } catch (ExecutionException e) {
      throw unavailable(topic, key, e.getCause());
    } catch (TimeoutException e) {
      encoding.cancel(true);
      throw unavailable(topic, key, e);
    }
  }

  /** Best effort: a job whose command was lost should not stay SUBMITTED for ever. */
  private void markFailed(JobStatusChanged submitted, String reason) {
    JobStatusChanged failed = JobStatusChanged.newBuilder(submitted)
        .setState(JobState.FAILED)
        .setFinishedAt(System.currentTimeMillis())
        .setUpdatedAt(System.currentTimeMillis())
        .setProblems(List.of(SUBMISSION_FAILED + reason))
        .build();
    try {
      send(statusTopic.name(), submitted.getJobId(), statusSerializer.serialize(statusTopic.name(), failed));
    } catch (RuntimeException e) {
      log.warn("job {} stays SUBMITTED although its command was not published: {}", submitted.getJobId(), e.getMessage());
    }
  }

  private void send(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value))
          .get(ackTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(topic, key, e);
    } catch (ExecutionException e) {
      throw failure(topic, key, e.getCause());
    } catch (TimeoutException e) {
      throw unavailable(topic, key, e);
    } catch (RuntimeException e) {
      throw failure(topic, key, e);
    }
  }

  private static ApiException failure(String topic, String key, Throwable cause) {
    if (cause instanceof RecordTooLargeException) {
      return new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ErrorCodes.PAYLOAD_TOO_LARGE,
          "job " + key + " is too large to publish: " + cause.getMessage(), null, cause);
    }
    return unavailable(topic, key, cause);
  }

  private static ApiException unavailable(String topic, String key, Throwable cause) {
    log.warn("cannot publish job {} to {}: {}", key, topic, String.valueOf(cause));
    log.debug("publish failure", cause);
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.KAFKA_UNAVAILABLE,
        "job " + key + " could not be published to " + topic + "; try again later", null, cause);
  }

  @Override
  public void close() {
    encoders.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }
}
