package io.dagline.executor;

import java.time.Duration;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running task's record locked to this slot: the broker gives a share-group record to another
 * consumer once its acquisition lock expires (30 s by default), so an attempt that runs longer would be
 * delivered, and run, again while it still runs. Every half lock duration the slot acknowledges the
 * record with {@link AcknowledgeType#RENEW}; once the broker has renewed the lock, the client hands the
 * record back through a poll, after which it is in flight again and can be accepted or released as usual.
 * Until then the slot polls briefly while it waits for its task.
 *
 * <p>Only for a slot that polls one record at a time, on the slot's own thread (a share consumer is not
 * thread-safe). If a renewal never comes back the lock runs out as before, and the attempt may run twice:
 * its reports are idempotent.
 */
final class LockRenewal {

  private static final Logger LOG = LoggerFactory.getLogger(LockRenewal.class);
  private static final long DEFAULT_LOCK_MS = 30_000;
  /** How long one poll for a renewed record waits, while the task runs. */
  static final long POLL_MS = 100;

  private final ShareConsumer<String, byte[]> consumer;
  private final ConsumerRecord<String, byte[]> record;
  private final long lockMs;
  private long dueAt;
  /** When the pending renewal was asked for; 0 while the record is in flight. */
  private long renewingSince;
  private boolean lost;

  LockRenewal(ShareConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> record) {
    this.consumer = consumer;
    this.record = record;
    this.lockMs = consumer.acquisitionLockTimeoutMs().map(Integer::longValue).orElse(DEFAULT_LOCK_MS);
    this.dueAt = System.currentTimeMillis() + lockMs / 2;
  }

  /** How long the slot may wait for its task before calling {@link #tick()} again. */
  long untilNextTickMs() {
    if (lost) {
      return Long.MAX_VALUE;
    }
    return renewingSince > 0 ? 0 : Math.max(0, dueAt - System.currentTimeMillis());
  }

  /** Asks for a renewal when one is due, or polls once for the record a pending renewal hands back. */
  void tick() {
    long now = System.currentTimeMillis();
    if (lost) {
      return;
    }
    if (renewingSince == 0) {
      if (now < dueAt) {
        return;
      }
      consumer.acknowledge(record, AcknowledgeType.RENEW);
      renewingSince = now;
    }
    for (ConsumerRecord<String, byte[]> back : consumer.poll(Duration.ofMillis(POLL_MS))) {
      if (back.offset() == record.offset() && back.partition() == record.partition()) {
        LOG.debug("lock of {}-{}@{} renewed in {} ms", record.topic(), record.partition(), record.offset(),
            System.currentTimeMillis() - renewingSince);
        renewingSince = 0;
        dueAt = System.currentTimeMillis() + lockMs / 2;
      } else {
        consumer.acknowledge(back, AcknowledgeType.RELEASE); // not this slot's to run now
      }
    }
    if (renewingSince > 0 && System.currentTimeMillis() - renewingSince > lockMs) {
      LOG.warn("the lock of task record {}-{}@{} was not renewed within {} ms; it may be delivered again",
          record.topic(), record.partition(), record.offset(), lockMs);
      lost = true;
    }
  }

  /** Whether the record is in flight here, to be accepted or released now (not while a renewal is pending). */
  boolean held() {
    return !lost && renewingSince == 0;
  }
}
