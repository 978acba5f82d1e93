package io.dagline.examples.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.executor.FunctionResult;
import io.dagline.executor.PermanentFailureException;
import io.dagline.executor.TaskInvocation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddTest {

  @Test
  void shouldAddItsValueToItsInputs() throws Exception {
    var invocation = new TaskInvocation("job", "sum", 1, Map.of("value", "2.5"),
        Map.of("a", FunctionResult.of("10"), "b", FunctionResult.of("-0.5"), "c", FunctionResult.none()), 1.0, "e");

    assertThat(new Add().run(invocation).value()).isEqualTo("12");
  }

  @Test
  void shouldRefuseAnInputThatIsNotANumberWithoutRetry() {
    var invocation = new TaskInvocation("job", "sum", 1, Map.of(), Map.of("a", FunctionResult.of("ten")), 1.0, "e");

    assertThatThrownBy(() -> new Add().run(invocation)).isInstanceOf(PermanentFailureException.class)
        .hasMessageContaining("the result of a is not a number");
  }
}
