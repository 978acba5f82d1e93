package io.dagline.testkit;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka cluster inside the test JVM: the latest production metadata version, every
 * production feature at its default level, unstable APIs off. One combined node, or N brokers and
 * one controller (three combined nodes hang on close in 4.3.1).
 */
public final class KafkaTestCluster implements AutoCloseable {

  private final KafkaClusterTestKit cluster;
  private final int brokerCount;
  private boolean closed;

  private KafkaTestCluster(KafkaClusterTestKit cluster, int brokerCount) {
    this.cluster = cluster;
    this.brokerCount = brokerCount;
  }

  /** One node that is both broker and controller. */
  public static KafkaTestCluster singleNode() {
    return start(1, true);
  }

  /** {@code brokers} brokers and one separate controller, with replication suited to them. */
  public static KafkaTestCluster brokers(int brokers) {
    return start(brokers, false);
  }

  private static KafkaTestCluster start(int brokers, boolean combined) {
    MetadataVersion version = MetadataVersion.latestProduction();
    Map<String, Short> features = new TreeMap<>();
    for (Feature feature : Feature.PRODUCTION_FEATURES) {
      features.put(feature.featureName(), feature.defaultLevel(version));
    }
    try {
      TestKitNodes nodes = new TestKitNodes.Builder(BootstrapMetadata.fromVersions(version, features, "testkit"))
          .setCombined(combined)
          .setNumBrokerNodes(brokers)
          .setNumControllerNodes(1)
          .build();
      int replicas = Math.min(3, brokers);
      int minIsr = Math.max(1, replicas - 1);
      KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
          .setConfigProp("unstable.api.versions.enable", "false")
          .setConfigProp("unstable.feature.versions.enable", "false")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setConfigProp("offsets.topic.replication.factor", Integer.toString(replicas))
          .setConfigProp("transaction.state.log.replication.factor", Integer.toString(replicas))
          .setConfigProp("transaction.state.log.min.isr", Integer.toString(minIsr))
          .setConfigProp("share.coordinator.state.topic.replication.factor", Integer.toString(replicas))
          .setConfigProp("share.coordinator.state.topic.min.isr", Integer.toString(minIsr))
          // Share consumers join in about a second instead of five.
          .setConfigProp("group.share.heartbeat.interval.ms", "500")
          .setConfigProp("group.share.min.heartbeat.interval.ms", "500")
          .setConfigProp("group.share.min.record.lock.duration.ms", "1000")
          // Streams groups (KIP-1071) and consumer groups notice a dead member in seconds.
          .setConfigProp("group.consumer.min.session.timeout.ms", "2000")
          .setConfigProp("group.min.session.timeout.ms", "2000")
          .setConfigProp("group.consumer.min.heartbeat.interval.ms", "500")
          .setConfigProp("message.max.bytes", Integer.toString(16 * 1024 * 1024 + 1024))
          // A crashed scheduler's open transaction is aborted within a second of timing out.
          .setConfigProp("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")
          // As KafkaBrokerProcess: dead brokers fenced within 3 s, no CONCURRENT_TRANSACTIONS sent back to producers.
          .setConfigProp("broker.heartbeat.interval.ms", "500")
          .setConfigProp("broker.session.timeout.ms", "3000")
          .setConfigProp("add.partitions.to.txn.retry.backoff.max.ms", "2000")
          .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new KafkaTestCluster(cluster, brokers);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start an in-process Kafka cluster", e);
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  public int brokerCount() {
    return brokerCount;
  }

  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Stops one broker as a crash would look to clients (its sockets close, its replicas fall out of sync). */
  public void stopBroker(int brokerId) {
    var broker = cluster.brokers().get(brokerId);
    if (broker == null) {
      throw new IllegalArgumentException("no broker " + brokerId + " in " + cluster.brokers().keySet());
    }
    broker.shutdown();
  }

  public java.util.Set<Integer> brokerIds() {
    return cluster.brokers().keySet();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return; // close() must run once only in 4.3.1
    }
    closed = true;
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the in-process Kafka cluster", e);
    }
  }
}
