package io.dagline.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsPortTest {

  @Test
  void shouldLeaveTheServerOffWhenUnsetBlankOrZero() {
    assertThat(MetricsPort.parse(null)).isEmpty();
    assertThat(MetricsPort.parse(" ")).isEmpty();
    assertThat(MetricsPort.parse("0")).isEmpty();
  }

  @Test
  void shouldReadAPort() {
    assertThat(MetricsPort.parse("9464")).hasValue(9464);
  }

  @Test
  void shouldRejectWhatIsNotAPort() {
    assertThatThrownBy(() -> MetricsPort.parse("http")).hasMessageContaining("DAGLINE_METRICS_PORT");
    assertThatThrownBy(() -> MetricsPort.parse("70000")).hasMessageContaining("65535");
  }
}
