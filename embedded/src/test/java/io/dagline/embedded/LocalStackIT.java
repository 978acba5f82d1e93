package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default as {@code bin/dagline-local} runs it ({@code LocalStackMain}: a broker process and
 * one JVM with the scheduler, executors and gateway): it runs a job, and everything it listens on is on
 * 127.0.0.1, as {@code ss -ltnp} would show.
 */
class LocalStackIT {

  @TempDir
  Path dir;

  @Test
  void shouldRunAJobListeningOnlyOnLoopback() throws Exception {
    try (JavaProcess stack = JavaProcess.start("local-stack", "io.dagline.embedded.LocalStackMain", Map.of(
        "DAGLINE_DATA_DIR", dir.resolve("data").toString(),
        "DAGLINE_PORT", Integer.toString(TestPorts.LOCAL_STACK_GATEWAY),
        "DAGLINE_KAFKA_PORT", Integer.toString(TestPorts.LOCAL_STACK_KAFKA),
        "DAGLINE_KAFKA_LIB", Path.of("..", "kafka-broker", "target", "lib").toAbsolutePath().toString()),
        dir.resolve("logs"), "Dagline gateway ready")) {
      assertThat(stack.awaitReady(Duration.ofSeconds(120))).as("started; see %s", stack.log()).isTrue();
      GatewayClient gateway = new GatewayClient(URI.create("http://127.0.0.1:" + TestPorts.LOCAL_STACK_GATEWAY));
      gateway.submit(Map.of("id", "local", "tasks", List.of(Map.of("id", "a", "function", "noop"))));
      JobAssertions.awaitState(gateway, "local", "SUCCEEDED", Duration.ofSeconds(60));

      List<Long> pids = new ArrayList<>();
      pids.add(stack.pid());
      ProcessHandle.of(stack.pid()).orElseThrow().descendants().forEach(process -> pids.add(process.pid()));
      List<ListeningSockets.Listener> listeners = ListeningSockets.of(pids);
      assertThat(listeners).as("the gateway and the broker listen").extracting(ListeningSockets.Listener::port)
          .contains(TestPorts.LOCAL_STACK_GATEWAY, TestPorts.LOCAL_STACK_KAFKA);
      assertThat(listeners).as("every listener of the embedded stack").allSatisfy(listener ->
          assertThat(listener.isLoopback()).as("%s", listener).isTrue());
    }
  }
}
