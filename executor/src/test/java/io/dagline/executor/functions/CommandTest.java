package io.dagline.executor.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dagline.executor.FunctionResult;
import io.dagline.executor.TaskInvocation;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandTest {

  private final Command command = new Command(Set.of("sh"));
  private final ExecutorService runner = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    runner.shutdownNow();
  }

  @Test
  void shouldSucceedWithTheTailOfStandardOutput() throws Exception {
    FunctionResult result = command.run(invocation(Map.of(
        "argv", "[\"sh\", \"-c\", \"echo \\\"$GREETING $DAGLINE_TASK_ID\\\"; cat \\\"$DAGLINE_INPUTS_FILE\\\"\"]",
        "env", "{\"GREETING\": \"hello\"}"), Map.of("up", FunctionResult.of("42"))));

    assertThat(result.value()).isEqualTo("hello t\n{\"up\":\"42\"}");
  }

  @Test
  void shouldFailWithTheExitCodeAndTheTailOfStandardError() {
    assertThatThrownBy(() -> command.run(invocation(Map.of("argv", "[\"sh\", \"-c\", \"echo broken >&2; exit 3\"]"),
        Map.of()))).hasMessage("exit code 3: broken");
  }

  @Test
  void shouldRefuseAProgramNotAllowedNamingTheSetting() {
    assertThatThrownBy(() -> command.run(invocation(Map.of("argv", "[\"/bin/sh\", \"-c\", \"true\"]"), Map.of())))
        .hasMessageContaining("\"/bin/sh\" is not allowed").hasMessageContaining("DAGLINE_COMMANDS_ALLOWED");
    assertThatThrownBy(() -> new Command(Set.of()).run(invocation(Map.of("argv", "[\"sh\"]"), Map.of())))
        .hasMessageContaining("command tasks are off");
  }

  @Test
  void shouldLetReplayRunARecordedCommandOnlyWhereItsProgramIsAllowed() throws Exception {
    var recorded = invocation(Map.of("argv", "[\"sh\", \"-c\", \"echo ran\"]", "runtimeSeconds", "0"), Map.of());

    assertThat(new Replay(command).run(recorded).value()).isEqualTo("ran");
    assertThat(new Replay(new Command(Set.of())).run(recorded).isEmpty()).as("slept instead").isTrue();
  }

  @Test
  void shouldRefuseAnArgvThatIsNotAJsonArray() {
    assertThatThrownBy(() -> command.run(invocation(Map.of("argv", "sh -c true"), Map.of())))
        .hasMessageContaining("argument \"argv\" must be a JSON array of strings");
  }

  @Test
  void shouldKillTheWholeProcessTreeWhenInterrupted() {
    String marker = "30" + System.nanoTime() % 100_000 + ".5";
    Future<FunctionResult> attempt = runner.submit(() -> command.run(invocation(Map.of("argv",
        "[\"sh\", \"-c\", \"sleep " + marker + " & sleep " + marker + "; wait\"]"), Map.of())));
    await().atMost(Duration.ofSeconds(10)).until(() -> ProcessTable.countWith(marker) >= 2); // the shell and its two sleeps

    attempt.cancel(true);

    await().atMost(Duration.ofSeconds(10)).until(() -> ProcessTable.countWith(marker) == 0);
  }

  private static TaskInvocation invocation(Map<String, String> args, Map<String, FunctionResult> inputs) {
    return new TaskInvocation("j", "t", 1, args, inputs, 1.0, "executor-1");
  }
}
