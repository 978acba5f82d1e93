package io.dagline.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The warnings this JVM's Kafka producers log when the broker sends a batch back to be retried
 * ("Got error produce response … retrying"). A cluster whose brokers all keep up causes none; a broker
 * that stalls (on a machine with more runnable threads than cores, for seconds) causes timeouts, once the
 * controller fences it moved leaders, and once a leader drops the stalled follower from its in-sync
 * replicas, too few replicas to take a write: none of these says anything about how the clients are
 * configured.
 */
final class ProducerRetries extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";

  /**
   * What a producer logs when a broker took longer than the request timeout, lost its leaderships, or
   * fell out of a partition's in-sync replicas (NOT_ENOUGH_REPLICAS and NOT_ENOUGH_REPLICAS_AFTER_APPEND).
   */
  private static final List<String> STALLED_BROKER = List.of("Error: REQUEST_TIMED_OUT", "Error: NOT_LEADER_OR_FOLLOWER",
      "NotLeaderOrFollowerException", "Error: NOT_ENOUGH_REPLICAS");

  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Logger sender = (Logger) LoggerFactory.getLogger(SENDER);

  static ProducerRetries watch() {
    ProducerRetries retries = new ProducerRetries();
    retries.start();
    if (!retries.sender.isEnabledFor(Level.WARN)) {
      retries.sender.setLevel(Level.WARN);
    }
    retries.sender.addAppender(retries);
    return retries;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
      warnings.add(event.getFormattedMessage());
    }
  }

  /** The warnings logged so far. */
  List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * The warnings logged so far that a stalled or fenced broker does not explain: the ones a client's or
   * the brokers' settings cause (CONCURRENT_TRANSACTIONS, OUT_OF_ORDER_SEQUENCE_NUMBER, …).
   */
  List<String> notFromAStalledBroker() {
    return warnings.stream().filter(warning -> STALLED_BROKER.stream().noneMatch(warning::contains)).toList();
  }

  @Override
  public void close() {
    sender.detachAppender(this);
    stop();
  }
}
