package io.dagline.gateway;

import java.time.Duration;

/**
 * Warms the job publisher up on a thread of its own when the gateway starts, retrying until it is warm, so
 * that the first submission does not wait for what Kafka needs to set up (see
 * {@link KafkaJobPublisher#warmUp()}).
 */
public final class JobPublisherWarmUp implements AutoCloseable {

  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final Thread thread;

  public JobPublisherWarmUp(KafkaJobPublisher publisher) {
    this.thread = new Thread(() -> {
      try {
        while (!publisher.warmUp()) {
          Thread.sleep(RETRY_AFTER.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "dagline-gateway-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
