package io.dagline.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker as a child process, run from the broker jars that the build
 * copies from Maven Central. Its storage is formatted once and kept, so data survives a restart.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final String READY_LINE = "Kafka Server started";
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final Process process;
  private final String bootstrapServers;

  private KafkaBrokerProcess(Process process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  public static KafkaBrokerProcess start(Path libDir, Path dataDir, int port, int controllerPort, Duration timeout) {
    try {
      if (!Files.isDirectory(libDir)) {
        throw new IllegalStateException("no Kafka broker jars in " + libDir.toAbsolutePath()
            + "; build them with ./mvnw -pl kafka-broker package");
      }
      Files.createDirectories(dataDir);
      Path config = writeConfig(dataDir, port, controllerPort);
      Path logDir = dataDir.resolve("logs");
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        format(libDir, config, dataDir);
      }
      ProcessBuilder builder = new ProcessBuilder(javaCommand(libDir, dataDir, "kafka.Kafka", config.toString()))
          .redirectErrorStream(true);
      Process process = builder.start();
      CountDownLatch ready = new CountDownLatch(1);
      Path brokerLog = dataDir.resolve("broker.log");
      Thread pump = new Thread(() -> pumpOutput(process, brokerLog, ready), "kafka-broker-output");
      pump.setDaemon(true);
      pump.start();
      if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the Kafka broker did not start within " + timeout + "; see " + brokerLog);
      }
      return new KafkaBrokerProcess(process, "127.0.0.1:" + port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path writeConfig(Path dataDir, int port, int controllerPort) throws IOException {
    Path config = dataDir.resolve("server.properties");
    String properties = String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dataDir.resolve("logs").toAbsolutePath(),
        "num.partitions=4",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "group.share.heartbeat.interval.ms=500",
        "group.share.min.heartbeat.interval.ms=500",
        "message.max.bytes=16778240",
        "transaction.abort.timed.out.transaction.cleanup.interval.ms=1000",
        "auto.create.topics.enable=false",
        "");
    Files.writeString(config, properties);
    return config;
  }

  private static void format(Path libDir, Path config, Path dataDir) throws IOException, InterruptedException {
    String clusterId = Uuid.randomUuid().toString();
    List<String> command = javaCommand(libDir, dataDir, "kafka.tools.StorageTool", "format", "--standalone",
        "-t", clusterId, "-c", config.toString());
    Process format = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("format.log").toFile()).start();
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
      // Its own session: a Ctrl-C in the terminal reaches the stack, which then stops the broker last.
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

  private static void pumpOutput(Process process, Path brokerLog, CountDownLatch ready) {
    try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         PrintWriter log = new PrintWriter(Files.newBufferedWriter(brokerLog), true)) {
      String line;
      while ((line = output.readLine()) != null) {
        log.println(line);
        if (line.contains(READY_LINE)) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      // The broker stopped; nothing more to read.
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the broker as an operator would (SIGTERM), so it shuts down cleanly. */
  @Override
  public void close() {
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
