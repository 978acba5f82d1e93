package io.dagline.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.executor.functions.Noop;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionRegistryTest {

  @Test
  void shouldFindTheBuiltInFunctionsThroughTheServiceLoader() {
    assertThat(FunctionRegistry.load().names()).contains("noop", "sleep", "fail", "replay");
  }

  @Test
  void shouldRefuseTwoFunctionsWithOneName() {
    assertThatThrownBy(() -> FunctionRegistry.of(List.of(new Noop(), new Noop())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("\"noop\"");
  }

  @Test
  void shouldAnswerNullForAnUnknownFunction() {
    assertThat(FunctionRegistry.load().find("no-such-function")).isNull();
  }
}
