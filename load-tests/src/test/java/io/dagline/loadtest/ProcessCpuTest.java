package io.dagline.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  @Test
  void thisProcessHasUsedCpuAndAMissingOneNone() {
    long self = ProcessHandle.current().pid();
    long spin = 0;
    for (long end = System.nanoTime() + 200_000_000L; System.nanoTime() < end; ) {
      spin++;
    }

    assertThat(spin).isPositive();
    assertThat(ProcessCpu.millis(self)).isPositive();
    assertThat(ProcessCpu.millis(List.of(Long.MAX_VALUE))).isZero();
  }
}
