package io.dagline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  private final ProgressBar bar = new ProgressBar(10);

  @Test
  void shouldFillTheBarByTheShareOfFinishedTasksAndShowCountsTimeAndRate() {
    String line = bar.render(new ProgressBar.Progress("RUNNING", 50, 100, 4, 1), Duration.ofSeconds(10));

    assertThat(line).isEqualTo("[#####.....]  50/100 done  4 running  1 failed  10.0 s  5.0 tasks/s  RUNNING");
  }

  @Test
  void shouldShowAnEmptyBarBeforeTheJobIsAcceptedAndNoRateAtTimeZero() {
    String line = bar.render(new ProgressBar.Progress("SUBMITTED", 0, 0, 0, 0), Duration.ZERO);

    assertThat(line).isEqualTo("[..........] 0/0 done  0 running  0 failed  0.0 s  - tasks/s  SUBMITTED");
  }

  @Test
  void shouldFillTheWholeBarWhenEveryTaskIsDone() {
    String line = bar.render(new ProgressBar.Progress("SUCCEEDED", 7, 7, 0, 0), Duration.ofMillis(3500));

    assertThat(line).startsWith("[##########] 7/7 done").contains("3.5 s  2.0 tasks/s");
  }

  @Test
  void shouldNeverOverfillTheBar() {
    assertThat(bar.render(new ProgressBar.Progress("RUNNING", 12, 10, 0, 0), Duration.ofSeconds(1)))
        .startsWith("[##########]");
  }

  @Test
  void shouldRejectABarWithoutWidth() {
    assertThatThrownBy(() -> new ProgressBar(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
