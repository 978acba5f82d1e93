package io.dagline.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentilesOfRecordedMillis() {
    Latencies latencies = new Latencies();
    for (int ms = 1; ms <= 100; ms++) {
      latencies.record(ms);
    }

    assertThat(latencies.count()).isEqualTo(100);
    assertThat(latencies.percentile(50)).isEqualTo(50);
    assertThat(latencies.percentile(99)).isEqualTo(99);
    assertThat(latencies.summary()).isEqualTo("50 / 95 / 99 / 100");
  }

  @Test
  void negativeDifferencesCountAsZeroAndAreCounted() {
    Latencies latencies = new Latencies();
    latencies.record(-1);

    assertThat(latencies.negative()).isEqualTo(1);
    assertThat(latencies.percentile(100)).isZero();
  }

  @Test
  void noSamplesPrintsADash() {
    assertThat(new Latencies().summary()).isEqualTo("–");
  }
}
