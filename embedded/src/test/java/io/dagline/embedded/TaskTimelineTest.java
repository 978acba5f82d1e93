package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskTimelineTest {

  private static final long KILL = 1_000_000;

  @Test
  void shouldFindTheLongestTimeWithoutAStartAfterTheKillAndHowManyStartedAfterIt() {
    TaskTimeline timeline = new TaskTimeline(List.of(KILL - 50, KILL + 100, KILL + 200, KILL + 5_200, KILL + 5_300));

    TaskTimeline.Gap gap = timeline.longestGapAfter(KILL);

    assertThat(gap).isEqualTo(new TaskTimeline.Gap(5_000, 200, 5_200, 2));
    assertThat(timeline.longestStartGapAfter(KILL)).isEqualTo(5_000);
    assertThat(gap.toString()).isEqualTo("5000 ms (from 0.2 to 5.2 s after the kill; 2 task starts after it)");
  }

  @Test
  void shouldCountTheWaitForTheFirstStartAfterTheKill() {
    TaskTimeline timeline = new TaskTimeline(List.of(KILL - 50, KILL + 3_000, KILL + 3_100));

    assertThat(timeline.longestGapAfter(KILL)).isEqualTo(new TaskTimeline.Gap(3_000, 0, 3_000, 2));
  }

  @Test
  void shouldSeeNoGapWhenNothingStartedAfterTheKill() {
    assertThat(new TaskTimeline(List.of(KILL - 50)).longestGapAfter(KILL).millis()).isZero();
  }
}
