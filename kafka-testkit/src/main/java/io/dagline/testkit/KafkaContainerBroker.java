package io.dagline.testkit;

import io.dagline.topics.BrokerSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * One KRaft node (broker and controller) in a container started through Testcontainers: an image configured
 * like the official apache/kafka one (KAFKA_* variables, CLUSTER_ID), such as the dagline/kafka image that
 * compose/build-images.sh --local builds from the broker jars. The container uses the host's network (the
 * engines here have no bridge) and listens on 127.0.0.1 at a fixed port; ready when it logs "Kafka Server
 * started".
 */
public final class KafkaContainerBroker implements AutoCloseable {

  /** The image to run instead of an in-process broker; unset or blank: in-process. */
  public static final String IMAGE_PROPERTY = "dagline.test.kafka-image";
  /** The broker port on 127.0.0.1 (the controller takes the next one). */
  public static final String PORT_PROPERTY = "dagline.test.kafka-port";
  private static final int DEFAULT_PORT = 39392;

  private final GenericContainer<?> container;
  private final String bootstrapServers;

  private KafkaContainerBroker(GenericContainer<?> container, String bootstrapServers) {
    this.container = container;
    this.bootstrapServers = bootstrapServers;
  }

  static Optional<String> configuredImage() {
    return Optional.ofNullable(System.getProperty(IMAGE_PROPERTY)).map(String::trim).filter(image -> !image.isEmpty());
  }

  /** Starts the broker; a test is skipped (not failed) where no Docker engine answers. */
  public static KafkaContainerBroker start(String image) {
    Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
        () -> "SKIPPED: " + IMAGE_PROPERTY + "=" + image + " but no Docker engine answers (DOCKER_HOST="
            + System.getenv("DOCKER_HOST") + ")");
    int port = Integer.getInteger(PORT_PROPERTY, DEFAULT_PORT);
    String broker = "127.0.0.1:" + port;
    String controller = "127.0.0.1:" + (port + 1);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CLUSTER_ID", Uuid.randomUuid().toString());
    env.put("KAFKA_NODE_ID", "1");
    env.put("KAFKA_PROCESS_ROLES", "broker,controller");
    env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@" + controller);
    env.put("KAFKA_LISTENERS", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller);
    env.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + broker);
    env.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    env.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
    env.put("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT");
    env.put("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
    BrokerSettings.forReplicas(1).forEach((name, value) -> env.put(variable(name), value));
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
        .withNetworkMode("host")
        .withEnv(env)
        .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
    container.start();
    System.out.printf("Kafka for this test: container %.12s of %s at %s (Testcontainers)%n", container.getContainerId(),
        image, broker);
    return new KafkaContainerBroker(container, broker);
  }

  /** A server property as the image's variable: group.min.session.timeout.ms → KAFKA_GROUP_MIN_SESSION_TIMEOUT_MS. */
  static String variable(String property) {
    return "KAFKA_" + property.replace("_", "__").replace("-", "___").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String containerId() {
    return container.getContainerId();
  }

  @Override
  public void close() {
    container.stop();
  }
}
