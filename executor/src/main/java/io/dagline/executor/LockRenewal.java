package io.dagline.executor;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running task's record locked to this slot: the broker gives a share-group record to another
 * consumer once its acquisition lock expires (30 s by default), so an attempt that runs longer would be
 * delivered, and run, again while it still runs. Every half lock duration the slot acknowledges the
 * record with {@link AcknowledgeType#RENEW}; the client hands a renewed record back through the next
 * poll, after which it is in flight again and can be accepted or released as usual.
 *
 * <p>Only for a slot that polls one record at a time, on the slot's own thread (a share consumer is not
 * thread-safe). If a renewal fails the lock runs out as before, and the attempt may run twice: its
 * reports are idempotent.
 */
final class LockRenewal {

  private static final Logger LOG = LoggerFactory.getLogger(LockRenewal.class);
  private static final long DEFAULT_LOCK_MS = 30_000;
  private static final Duration POLL = Duration.ofMillis(100);

  private final ShareConsumer<String, byte[]> consumer;
  private final ConsumerRecord<String, byte[]> record;
  private final long intervalMs;
  private long dueAt;
  private boolean held = true;

  LockRenewal(ShareConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> record) {
    this.consumer = consumer;
    this.record = record;
    long lockMs = consumer.acquisitionLockTimeoutMs().map(Integer::longValue).orElse(DEFAULT_LOCK_MS);
    this.intervalMs = Math.max(250, lockMs / 2);
    this.dueAt = System.currentTimeMillis() + intervalMs;
  }

  /** How long until the next renewal is due (0: now). */
  long untilDueMs() {
    return Math.max(0, dueAt - System.currentTimeMillis());
  }

  /**
   * Renews the lock if due, and waits (a few polls, while {@code stillRunning}) for the client to hand the
   * record back. Answers whether this slot still holds the record.
   */
  boolean renewIfDue(BooleanSupplier stillRunning) {
    if (!held || untilDueMs() > 0) {
      return held;
    }
    dueAt = System.currentTimeMillis() + intervalMs;
    try {
      consumer.acknowledge(record, AcknowledgeType.RENEW);
      long giveUpAt = System.currentTimeMillis() + intervalMs / 2;
      while (System.currentTimeMillis() < giveUpAt && stillRunning.getAsBoolean()) {
        for (ConsumerRecord<String, byte[]> back : consumer.poll(POLL)) {
          if (back.offset() == record.offset() && back.partition() == record.partition()) {
            return held;
          }
          consumer.acknowledge(back, AcknowledgeType.RELEASE); // not ours to run now
        }
      }
      LOG.warn("the lock of task record {}-{}@{} was not renewed in time; it may be delivered again",
          record.topic(), record.partition(), record.offset());
    } catch (IllegalStateException e) {
      LOG.warn("cannot renew the lock of task record {}-{}@{}: {}", record.topic(), record.partition(),
          record.offset(), e.getMessage());
    }
    held = false;
    return false;
  }

  /** Whether the record is still this slot's to accept or release. */
  boolean held() {
    return held;
  }
}
