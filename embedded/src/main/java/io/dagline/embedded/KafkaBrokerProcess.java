package io.dagline.embedded;

import io.dagline.topics.BrokerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A KRaft Kafka node (broker, controller, or both) as a child process, run from the broker jars that
 * the build copies from Maven Central. Its storage is formatted once and kept, so data survives a
 * restart. The node runs in its own session, so a Ctrl-C in the terminal reaches the stack, which
 * then stops the node last.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final String READY_LINE = "Kafka Server started";
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  /** One node of a local cluster. {@code brokerPort} is 0 for a controller-only node. */
  public record Node(int nodeId, String roles, int brokerPort, int controllerPort, String controllerQuorum,
      int replicationFactor) {

    public static Node combined(int brokerPort, int controllerPort) {
      return new Node(1, "broker,controller", brokerPort, controllerPort, "127.0.0.1:" + controllerPort, 1);
    }

    boolean isController() {
      return roles.contains("controller");
    }

    boolean isBroker() {
      return roles.contains("broker");
    }
  }

  private final Process process;
  private final String bootstrapServers;

  private KafkaBrokerProcess(Process process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /** A single combined broker and controller: the embedded default. */
  public static KafkaBrokerProcess start(Path libDir, Path dataDir, int port, int controllerPort, Duration timeout) {
    return start(libDir, dataDir, Node.combined(port, controllerPort), "", timeout);
  }

  /** Starts one node; every node of a cluster is formatted with the same {@code clusterId} (blank: new). */
  public static KafkaBrokerProcess start(Path libDir, Path dataDir, Node node, String clusterId, Duration timeout) {
    try {
      if (!Files.isDirectory(libDir)) {
        throw new IllegalStateException("no Kafka broker jars in " + libDir.toAbsolutePath()
            + "; build them with ./mvnw -pl kafka-broker package");
      }
      Files.createDirectories(dataDir);
      Path config = writeConfig(dataDir, node);
      if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
        format(libDir, config, dataDir, node, clusterId.isBlank() ? newClusterId() : clusterId);
      }
      Path log = dataDir.resolve("broker.log");
      Process process = new ProcessBuilder(javaCommand(libDir, dataDir, "kafka.Kafka", config.toString()))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!LogWatch.awaitLine(log, READY_LINE, timeout, process::isAlive)) {
        process.destroyForcibly();
        throw new IllegalStateException("Kafka node " + node.nodeId() + " did not start within " + timeout + "; see " + log
            + ", which ends:\n" + tail(log, 20));
      }
      return new KafkaBrokerProcess(process, node.isBroker() ? "127.0.0.1:" + node.brokerPort() : "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String tail(Path log, int lines) throws IOException {
    List<String> all = Files.readAllLines(log);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  public static String newClusterId() {
    return org.apache.kafka.common.Uuid.randomUuid().toString();
  }

  private static Path writeConfig(Path dataDir, Node node) throws IOException {
    List<String> listeners = new ArrayList<>();
    List<String> advertised = new ArrayList<>();
    if (node.isBroker()) {
      listeners.add("PLAINTEXT://127.0.0.1:" + node.brokerPort());
      advertised.add("PLAINTEXT://127.0.0.1:" + node.brokerPort());
    }
    if (node.isController()) {
      listeners.add("CONTROLLER://127.0.0.1:" + node.controllerPort());
      advertised.add("CONTROLLER://127.0.0.1:" + node.controllerPort());
    }
    List<String> lines = new ArrayList<>(List.of(
        "process.roles=" + node.roles(),
        "node.id=" + node.nodeId(),
        "controller.quorum.bootstrap.servers=" + node.controllerQuorum(),
        "listeners=" + String.join(",", listeners),
        "advertised.listeners=" + String.join(",", advertised),
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dataDir.resolve("logs").toAbsolutePath(),
        "num.partitions=4"));
    BrokerSettings.forReplicas(node.replicationFactor()).forEach((name, value) -> lines.add(name + "=" + value));
    if (node.isBroker()) {
      lines.add("inter.broker.listener.name=PLAINTEXT");
    }
    Path config = dataDir.resolve("server.properties");
    Files.writeString(config, String.join("\n", lines) + "\n");
    return config;
  }

  private static void format(Path libDir, Path config, Path dataDir, Node node, String clusterId)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.toString()));
    // The (single) controller founds the quorum; brokers only join it.
    args.add(node.isController() ? "--standalone" : "--no-initial-controllers");
    Process format = new ProcessBuilder(javaCommand(libDir, dataDir, "kafka.tools.StorageTool", args.toArray(String[]::new)))
        .redirectErrorStream(true).redirectOutput(dataDir.resolve("format.log").toFile()).start();
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      throw new IllegalStateException("formatting Kafka storage failed; see " + dataDir.resolve("format.log"));
    }
  }

  /** Without a configuration log4j prints only errors, and the ready line is an INFO line. */
  private static Path writeLogConfig(Path dataDir) throws IOException {
    Path config = dataDir.resolve("log4j2.properties");
    Files.writeString(config, String.join("\n",
        "appender.console.type=Console",
        "appender.console.name=STDOUT",
        "appender.console.layout.type=PatternLayout",
        "appender.console.layout.pattern=[%d] %p %m (%c)%n",
        "rootLogger.level=WARN",
        "rootLogger.appenderRef.stdout.ref=STDOUT",
        "logger.server.name=kafka.server.KafkaRaftServer",
        "logger.server.level=INFO",
        ""));
    return config;
  }

  private static List<String> javaCommand(Path libDir, Path dataDir, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms256m");
    command.add("-Xmx1g");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dkafka.logs.dir=" + dataDir.resolve("broker-logs").toAbsolutePath());
    command.add("-Dlog4j2.configurationFile=" + writeLogConfig(dataDir).toAbsolutePath());
    command.add("-cp");
    command.add(libDir.toAbsolutePath() + "/*");
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public long pid() {
    return process.pid();
  }

  /** Kills the node (SIGKILL) and waits until it is gone. */
  public void kill() {
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the node as an operator would (SIGTERM), so it shuts down cleanly. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
