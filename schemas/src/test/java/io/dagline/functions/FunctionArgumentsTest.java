package io.dagline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionArgumentsTest {

  @Test
  void shouldNameEachArgumentThatIsWrongForABuiltInFunction() {
    assertThat(FunctionArguments.problems(FunctionArguments.builtIn("sleep"), Map.of("ms", "-5")))
        .containsExactly("argument \"ms\" is \"-5\", below its minimum 0");
    assertThat(FunctionArguments.problems(FunctionArguments.builtIn("sleep"), Map.of("ms", "abc")))
        .containsExactly("argument \"ms\" must be a number, not \"abc\"");
    assertThat(FunctionArguments.problems(FunctionArguments.builtIn("fail"), Map.of("probability", "2", "failAttempts", "1.5")))
        .containsExactlyInAnyOrder("argument \"probability\" is \"2\", above its maximum 1",
            "argument \"failAttempts\" must be a whole number, not \"1.5\"");
    assertThat(FunctionArguments.problems(FunctionArguments.builtIn("command"), Map.of("argv", "sha256sum f")))
        .containsExactly("argument \"argv\" must be a JSON array or object, not \"sha256sum f\"");
    assertThat(FunctionArguments.problems(FunctionArguments.builtIn("http"), Map.of()))
        .containsExactly("argument \"url\" is required");
  }

  @Test
  void shouldAcceptGoodArgumentsAndLeaveUndeclaredOnesAlone() {
    assertThat(FunctionArguments.problems(FunctionArguments.builtIn("sleep"), Map.of("ms", "250", "note", "x"))).isEmpty();
    assertThat(FunctionArguments.problems(FunctionArguments.builtIn("command"),
        Map.of("argv", "[\"sha256sum\", \"f\"]", "env", "{\"A\": \"1\"}"))).isEmpty();
    assertThat(FunctionArguments.builtIn("someone-elses")).isNull();
  }
}
