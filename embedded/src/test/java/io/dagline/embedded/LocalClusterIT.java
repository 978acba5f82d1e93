package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-process local stack through its commands ({@code LocalClusterMain start} and
 * {@code stop}, which {@code bin/dagline-cluster} runs after building): two brokers and a controller,
 * two schedulers, executors at two sites and the gateway, each its own process.
 */
class LocalClusterIT {

  @TempDir
  Path dir;

  @AfterEach
  void stopWhateverIsLeft() {
    LocalCluster.stop(dir);
  }

  @Test
  void shouldStartRunAJobAcrossTwoSitesAndStopCleanly() throws Exception {
    Process start = run("start");
    assertThat(start.exitValue()).as("start failed:%n%s", logs()).isZero();
    List<Long> pids = Files.readAllLines(dir.resolve("pids")).stream().map(l -> Long.parseLong(l.split(" ")[1])).toList();
    assertThat(pids).as("controller, 2 brokers, 2 schedulers, 2 executors, gateway").hasSize(8);

    GatewayClient gateway = new GatewayClient(URI.create("http://127.0.0.1:" + TestPorts.LOCAL_CLUSTER_GATEWAY));
    var job = Map.of("id", "two-sites", "tasks", List.of(
        Map.of("id", "a", "function", "noop"),
        Map.of("id", "b", "function", "noop", "site", "remote", "dependencies", List.of("a")),
        Map.of("id", "c", "function", "noop", "dependencies", List.of("a")),
        Map.of("id", "d", "function", "noop", "site", "remote", "dependencies", List.of("b", "c"))));
    gateway.submit(job);
    JobAssertions.awaitState(gateway, "two-sites", "SUCCEEDED", java.time.Duration.ofMinutes(2));
    JobAssertions.assertEveryTaskSucceededInDependencyOrder(gateway, "two-sites", 4);
    var tasks = gateway.get("/v1/jobs/two-sites/tasks").body().get("tasks");
    tasks.forEach(task -> assertThat(task.get("executorId").asText())
        .startsWith(List.of("b", "d").contains(task.get("id").asText()) ? "executor-remote" : "executor-default"));

    List<ListeningSockets.Listener> listeners = ListeningSockets.of(pids);
    assertThat(listeners).as("the gateway listens").extracting(ListeningSockets.Listener::port)
        .contains(TestPorts.LOCAL_CLUSTER_GATEWAY);
    assertThat(listeners).as("every listener of the multi-process stack").allSatisfy(listener ->
        assertThat(listener.isLoopback()).as("%s", listener).isTrue());

    assertThat(run("stop").exitValue()).isZero();
    assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("process %d still alive", pid).isFalse());
    assertThat(log("executor-remote-1")).contains("executor executor-remote-1 stopped");
    assertThat(log("scheduler-1")).contains("PENDING_SHUTDOWN -> NOT_RUNNING");
    assertThat(log("scheduler-2")).contains("PENDING_SHUTDOWN -> NOT_RUNNING");
  }

  private Process run(String command) throws IOException, InterruptedException {
    ProcessBuilder launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.dagline.embedded.LocalClusterMain", command)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("launcher.log").toFile()));
    launcher.environment().putAll(Map.of(
        "DAGLINE_CLUSTER_DIR", dir.toString(),
        "DAGLINE_BROKERS", "2",
        "DAGLINE_SCHEDULERS", "2",
        "DAGLINE_SITES", "default:1,remote:1",
        "DAGLINE_SLOTS", "4",
        "DAGLINE_KAFKA_PORT", Integer.toString(TestPorts.LOCAL_CLUSTER_KAFKA),
        "DAGLINE_PORT", Integer.toString(TestPorts.LOCAL_CLUSTER_GATEWAY),
        "DAGLINE_KAFKA_LIB", Path.of("..", "kafka-broker", "target", "lib").toAbsolutePath().toString()));
    Process process = launcher.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
    return process;
  }

  /** The launcher's output and the end of every process's log, for a start that failed (the directory is deleted). */
  private String logs() throws IOException {
    StringBuilder logs = new StringBuilder(Files.readString(dir.resolve("launcher.log")));
    Path processLogs = dir.resolve("logs");
    if (Files.isDirectory(processLogs)) {
      try (var files = Files.list(processLogs)) {
        for (Path file : files.sorted().toList()) {
          List<String> lines = Files.readAllLines(file);
          logs.append("\n--- ").append(file.getFileName()).append(" (last 20 lines)\n")
              .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
      }
    }
    return logs.toString();
  }

  private String log(String process) throws IOException {
    return Files.readString(dir.resolve("logs").resolve(process + ".log"));
  }
}
