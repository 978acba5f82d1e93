package io.dagline.executor.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.executor.TaskInvocation;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BuiltInFunctionsTest {

  @Test
  void shouldAlwaysFailWithTheGivenMessageByDefault() {
    var invocation = new TaskInvocation("j", "t", 1, Map.of("message", "disk full"), 1.0);
    assertThatThrownBy(() -> new Fail().run(invocation)).hasMessage("disk full");
  }

  @Test
  void shouldFailTheSameAttemptsOnEveryRunForAProbability() {
    Fail fail = new Fail();
    long failures = IntStream.range(0, 200).filter(i -> fails(fail, "t" + i)).count();
    long again = IntStream.range(0, 200).filter(i -> fails(fail, "t" + i)).count();
    assertThat(failures).isEqualTo(again).isBetween(60L, 140L);
  }

  @Test
  void shouldFailTheFirstAttemptsOnlyWhenToldHowMany() {
    Fail fail = new Fail();
    for (int attempt = 1; attempt <= 2; attempt++) {
      var invocation = new TaskInvocation("j", "t", attempt, Map.of("failAttempts", "2", "message", "flaky"), 1.0);
      assertThatThrownBy(() -> fail.run(invocation)).hasMessageContaining("flaky").hasMessageContaining("attempt " + attempt);
    }
    assertThat(fail.run(new TaskInvocation("j", "t", 3, Map.of("failAttempts", "2"), 1.0)).value()).contains("attempt 3");
  }

  @Test
  void shouldReplayARecordedRuntimeScaledAndDividedBySpeed() {
    var slowExecutor = new TaskInvocation("j", "t", 1, Map.of("runtimeSeconds", "12.5", "scale", "0.01"), 0.5);
    assertThat(Replay.durationMs(slowExecutor)).isEqualTo(250);
  }

  @Test
  void shouldFailOnlyOnTheNamedExecutors() {
    Fail fail = new Fail();
    Map<String, String> args = Map.of("failOn", "executor-1,executor-3", "message", "broken host");
    assertThatThrownBy(() -> fail.run(new TaskInvocation("j", "t", 1, args, 1.0, "executor-3")))
        .hasMessageContaining("broken host (on executor executor-3)");
    assertThat(fail.run(new TaskInvocation("j", "t", 1, args, 1.0, "executor-2")).value()).contains("executor-2");
  }

  @Test
  void shouldRejectANonNumericArgument() {
    var invocation = new TaskInvocation("j", "t", 1, Map.of("ms", "soon"), 1.0);
    assertThatThrownBy(() -> new Sleep().run(invocation)).hasMessageContaining("\"ms\"");
  }

  private static boolean fails(Fail fail, String taskId) {
    try {
      fail.run(new TaskInvocation("job", taskId, 1, Map.of("probability", "0.5"), 1.0));
      return false;
    } catch (RuntimeException e) {
      return true;
    }
  }
}
