package io.dagline.testkit;

import io.dagline.topics.BrokerSettings;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka cluster for a test: by default inside the test JVM (the latest production metadata version,
 * every production feature at its default level, unstable APIs off; one combined node, or N brokers and one
 * controller — three combined nodes hang on close in 4.3.1). With the system property
 * {@value KafkaContainerBroker#IMAGE_PROPERTY} set to an image, a single node runs in that container instead,
 * through Testcontainers ({@link KafkaContainerBroker}).
 */
public final class KafkaTestCluster implements AutoCloseable {

  private final KafkaClusterTestKit cluster;
  private final KafkaContainerBroker container;
  private final int brokerCount;
  private boolean closed;

  private KafkaTestCluster(KafkaClusterTestKit cluster, KafkaContainerBroker container, int brokerCount) {
    this.cluster = cluster;
    this.container = container;
    this.brokerCount = brokerCount;
  }

  /** One node that is both broker and controller: in a container when an image is configured, else in-process. */
  public static KafkaTestCluster singleNode() {
    return KafkaContainerBroker.configuredImage()
        .map(image -> new KafkaTestCluster(null, KafkaContainerBroker.start(image), 1))
        .orElseGet(() -> start(1, true));
  }

  /** {@code brokers} brokers and one separate controller, with replication suited to them (always in-process). */
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
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
          .setConfigProp("unstable.api.versions.enable", "false")
          .setConfigProp("unstable.feature.versions.enable", "false");
      BrokerSettings.forReplicas(Math.min(3, brokers)).forEach(builder::setConfigProp);
      KafkaClusterTestKit cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new KafkaTestCluster(cluster, null, brokers);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start an in-process Kafka cluster", e);
    }
  }

  public String bootstrapServers() {
    return container != null ? container.bootstrapServers() : cluster.bootstrapServers();
  }

  public int brokerCount() {
    return brokerCount;
  }

  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Stops one broker as a crash would look to clients (its sockets close, its replicas fall out of sync). */
  public void stopBroker(int brokerId) {
    if (container != null) {
      throw new UnsupportedOperationException("a containerised single node has no broker to spare");
    }
    var broker = cluster.brokers().get(brokerId);
    if (broker == null) {
      throw new IllegalArgumentException("no broker " + brokerId + " in " + cluster.brokers().keySet());
    }
    broker.shutdown();
  }

  public Set<Integer> brokerIds() {
    return container != null ? Set.of(1) : cluster.brokers().keySet();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return; // close() must run once only in 4.3.1
    }
    closed = true;
    if (container != null) {
      container.close();
      return;
    }
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the in-process Kafka cluster", e);
    }
  }
}
