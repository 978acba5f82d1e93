package io.dagline.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HopLatencyTest {

  @Test
  void periodAndChainsBringTheTargetRate() {
    for (double rate : new double[] {20, 85, 137.5, 400}) {
      int chains = HopLatency.chainsPerJob(rate);
      long period = HopLatency.periodMillis(rate, chains);
      double offered = 1000.0 * chains * HopLatency.CHAIN_LENGTH / period;
      assertThat(offered).as("rate %s", rate).isCloseTo(rate, org.assertj.core.data.Percentage.withPercentage(2));
      assertThat(period).as("one POST per period stays easy").isGreaterThanOrEqualTo(100);
    }
  }
}
