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
 * ("Got error produce response … retrying"): a healthy cluster should cause none.
 */
final class ProducerRetries extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";

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

  @Override
  public void close() {
    sender.detachAppender(this);
    stop();
  }
}
