package io.dagline.topics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker settings Dagline's own Kafka clusters run with (the embedded and multi-process stacks, the test
 * clusters, the Testcontainers broker; the compose files set the same as KAFKA_* variables). docs/operations.md
 * explains each; decision 0022 the failover ones.
 */
public final class BrokerSettings {

  private BrokerSettings() {}

  /** For a cluster whose internal topics have {@code replicas} replicas (min ISR one less, at least 1). */
  public static Map<String, String> forReplicas(int replicas) {
    int minIsr = Math.max(1, replicas - 1);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("offsets.topic.replication.factor", Integer.toString(replicas));
    settings.put("transaction.state.log.replication.factor", Integer.toString(replicas));
    settings.put("transaction.state.log.min.isr", Integer.toString(minIsr));
    settings.put("share.coordinator.state.topic.replication.factor", Integer.toString(replicas));
    settings.put("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
    settings.put("group.initial.rebalance.delay.ms", "0");
    // Share consumers join in about a second instead of five.
    settings.put("group.share.heartbeat.interval.ms", "500");
    settings.put("group.share.min.heartbeat.interval.ms", "500");
    settings.put("group.share.min.record.lock.duration.ms", "1000");
    // Streams groups (KIP-1071) and consumer groups notice a dead member in seconds.
    settings.put("group.consumer.min.session.timeout.ms", "2000");
    settings.put("group.min.session.timeout.ms", "2000");
    settings.put("group.consumer.min.heartbeat.interval.ms", "500");
    settings.put("message.max.bytes", Integer.toString(16 * 1024 * 1024 + 1024));
    // A crashed scheduler's open transaction is aborted within a second of timing out.
    settings.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    // The controller fences a broker that stopped heartbeating after 2 s (default 9 s): until then its
    // partitions keep it as leader and in sync, and writes to them wait.
    settings.put("broker.heartbeat.interval.ms", "500");
    settings.put("broker.session.timeout.ms", "2000");
    // A transaction's first write to a partition whose previous commit markers are not yet written waits in
    // the broker (100 ms by default) instead of failing back to the producer with CONCURRENT_TRANSACTIONS,
    // which logs a warning and fails the batches behind it out of order.
    settings.put("add.partitions.to.txn.retry.backoff.max.ms", "2000");
    settings.put("auto.create.topics.enable", "false");
    return settings;
  }
}
