package io.dagline.embedded;

import io.dagline.topics.DaglineTopics;
import io.dagline.topics.TopicCreator;
import io.dagline.topics.TopicLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The production topology on one machine, every component its own process: N Kafka brokers (and a
 * controller when N > 1), M scheduler instances, executors per site and the gateway. Started in
 * dependency order; the process ids go to {@code <dir>/pids} so that {@link #stop(Path)} — from
 * another process — stops them in reverse order.
 */
public final class LocalCluster {

  /** What to start. {@code executorsPerSite}: site name → executor count, in order. */
  public record Spec(Path dir, int brokers, int schedulers, Map<String, Integer> executorsPerSite, int slotsPerExecutor,
      int kafkaBasePort, int gatewayPort, Path kafkaLib) {

    public static Spec defaults(Path dir) {
      Map<String, Integer> sites = new LinkedHashMap<>();
      sites.put("default", 2);
      sites.put("remote", 1);
      return new Spec(dir, 3, 2, sites, 8, 39092, 8080, Path.of("kafka-broker/target/lib"));
    }
  }

  /** A running cluster: where to reach it. */
  public record Running(String bootstrapServers, URI gateway, List<String> processes) {}

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private LocalCluster() {}

  public static Running start(Spec spec) throws InterruptedException {
    Path dir = spec.dir().toAbsolutePath();
    Path logs = dir.resolve("logs");
    Map<String, Long> pids = new LinkedHashMap<>();
    try {
      String bootstrap = startKafka(spec, dir, pids);
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        TopicCreator.createMissing(admin, DaglineTopics.newTopics(
            TopicLayout.replicated(6, spec.brokers()), spec.executorsPerSite().keySet()));
      }
      int replication = Math.min(3, spec.brokers());
      List<JavaProcess> starting = new ArrayList<>();
      for (int i = 1; i <= spec.schedulers(); i++) {
        starting.add(SchedulerProcesses.start("scheduler-" + i, bootstrap, dir, replication,
            spec.schedulers() > 1 ? 1 : 0, true, logs));
      }
      spec.executorsPerSite().forEach((site, count) -> {
        for (int i = 1; i <= count; i++) {
          String id = "executor-" + site + "-" + i;
          starting.add(JavaProcess.start(id, "io.dagline.executor.ExecutorMain", Map.of(
              "DAGLINE_BOOTSTRAP_SERVERS", bootstrap, "DAGLINE_EXECUTOR_ID", id, "DAGLINE_SITE", site,
              "DAGLINE_SLOTS", Integer.toString(spec.slotsPerExecutor())), logs, "started with"));
        }
      });
      starting.add(JavaProcess.start("gateway", "io.dagline.gateway.GatewayMain", Map.of(
          "DAGLINE_KAFKA_BOOTSTRAP_SERVERS", bootstrap,
          "MICRONAUT_SERVER_PORT", Integer.toString(spec.gatewayPort())), logs, "Dagline gateway listening"));
      for (JavaProcess process : starting) {
        pids.put(process.name(), process.pid());
        writePids(dir, pids);
        if (!process.awaitReady(START_TIMEOUT)) {
          throw new IllegalStateException(process + " did not start; see " + process.log());
        }
      }
      return new Running(bootstrap, URI.create("http://127.0.0.1:" + spec.gatewayPort()), List.copyOf(pids.keySet()));
    } catch (RuntimeException | InterruptedException e) {
      stop(dir);
      throw e;
    }
  }

  private static String startKafka(Spec spec, Path dir, Map<String, Long> pids) {
    return KafkaProcessCluster.start(spec.kafkaLib(), dir.resolve("kafka"), spec.brokers(), spec.kafkaBasePort(),
        START_TIMEOUT, (name, pid) -> {
          pids.put(name, pid);
          writePids(dir, pids);
        }).bootstrapServers();
  }

  /** Stops every process the cluster in {@code dir} started, newest first, each with SIGTERM. */
  public static List<String> stop(Path dir) {
    Path file = dir.toAbsolutePath().resolve("pids");
    List<String> stopped = new ArrayList<>();
    if (!Files.exists(file)) {
      return stopped;
    }
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(file));
      java.util.Collections.reverse(lines);
      for (String line : lines) {
        String[] nameAndPid = line.split(" ");
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(nameAndPid[1]));
        if (process.isPresent() && process.get().isAlive()) {
          process.get().destroy();
          try {
            process.get().onExit().get(45, TimeUnit.SECONDS);
          } catch (Exception e) {
            process.get().destroyForcibly();
          }
          stopped.add(nameAndPid[0]);
        }
      }
      Files.delete(file);
      return stopped;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writePids(Path dir, Map<String, Long> pids) {
    try {
      Files.createDirectories(dir);
      StringBuilder lines = new StringBuilder();
      pids.forEach((name, pid) -> lines.append(name).append(' ').append(pid).append('\n'));
      Files.writeString(dir.resolve("pids"), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
