package io.dagline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Kafka as separate processes on 127.0.0.1: one combined node when {@code brokers} is 1, otherwise a
 * controller and {@code brokers} brokers (node ids 1..N on ports basePort..basePort+N-1, the
 * controller on basePort+100). The cluster id is kept in {@code <dir>/cluster-id}, so a restart on
 * the same directory finds its data.
 */
public final class KafkaProcessCluster implements AutoCloseable {

  private final Map<String, KafkaBrokerProcess> nodes;
  private final String bootstrapServers;

  private KafkaProcessCluster(Map<String, KafkaBrokerProcess> nodes, String bootstrapServers) {
    this.nodes = nodes;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts the nodes in order; {@code started} hears each node's name ("kafka-1", "kafka-controller") and pid. */
  public static KafkaProcessCluster start(Path libDir, Path dir, int brokers, int basePort, Duration timeout,
      BiConsumer<String, Long> started) {
    Map<String, KafkaBrokerProcess> nodes = new LinkedHashMap<>();
    try {
      return startNodes(libDir, dir, brokers, basePort, timeout, started, nodes);
    } catch (RuntimeException e) {
      new KafkaProcessCluster(nodes, "").close(); // the nodes that did start
      throw e;
    }
  }

  private static KafkaProcessCluster startNodes(Path libDir, Path dir, int brokers, int basePort, Duration timeout,
      BiConsumer<String, Long> started, Map<String, KafkaBrokerProcess> nodes) {
    int controllerPort = basePort + 100;
    if (brokers == 1) {
      var node = KafkaBrokerProcess.start(libDir, dir.resolve("node-1"),
          KafkaBrokerProcess.Node.combined(basePort, controllerPort), "", timeout);
      nodes.put("kafka-1", node);
      started.accept("kafka-1", node.pid());
      return new KafkaProcessCluster(nodes, node.bootstrapServers());
    }
    String clusterId = clusterId(dir);
    String quorum = "127.0.0.1:" + controllerPort;
    int replicas = Math.min(3, brokers);
    var controller = KafkaBrokerProcess.start(libDir, dir.resolve("controller"),
        new KafkaBrokerProcess.Node(100, "controller", 0, controllerPort, quorum, replicas), clusterId, timeout);
    nodes.put("kafka-controller", controller);
    started.accept("kafka-controller", controller.pid());
    List<String> bootstrap = new ArrayList<>();
    for (int i = 1; i <= brokers; i++) {
      var broker = KafkaBrokerProcess.start(libDir, dir.resolve("broker-" + i),
          new KafkaBrokerProcess.Node(i, "broker", basePort + i - 1, 0, quorum, replicas), clusterId, timeout);
      nodes.put("kafka-" + i, broker);
      started.accept("kafka-" + i, broker.pid());
      bootstrap.add(broker.bootstrapServers());
    }
    return new KafkaProcessCluster(nodes, String.join(",", bootstrap));
  }

  private static String clusterId(Path dir) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("cluster-id");
      if (!Files.exists(file)) {
        Files.writeString(file, KafkaBrokerProcess.newClusterId());
      }
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The broker that leads partition 0 of {@code topic}: the one to kill to make its writers and readers move. */
  public int leaderOf(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
          .partitions().get(0).leader().id();
    }
  }

  /** Kills broker {@code nodeId} with SIGKILL: no clean shutdown, no leadership handed over. */
  public void kill(int nodeId) {
    KafkaBrokerProcess node = nodes.get("kafka-" + nodeId);
    if (node == null) {
      throw new IllegalArgumentException("no broker " + nodeId + " in " + nodes.keySet());
    }
    node.kill();
  }

  /** Stops the brokers, then the controller. */
  @Override
  public void close() {
    List<KafkaBrokerProcess> newestFirst = new ArrayList<>(nodes.values());
    java.util.Collections.reverse(newestFirst);
    newestFirst.forEach(KafkaBrokerProcess::close);
  }
}
