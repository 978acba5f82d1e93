package io.dagline.core.policy;

import static io.dagline.core.policy.Snapshots.dataAt;
import static io.dagline.core.policy.Snapshots.given;
import static io.dagline.core.policy.Snapshots.task;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DelaySchedulingTest {

    private static final ReadyTask READS_AT_FAST = task("t", 0, 10, 1, dataAt("fast", 500_000_000));

    @Test
    void shouldKeepATaskWaitingForItsDataSiteWithinTheWait() {
        SchedulingSnapshot snapshot = given().at(1).site("fast", 1.0, 1, 5.0).site("medium", 0.6, 1)
                .task(READS_AT_FAST).build();
        DelayScheduling policy = new DelayScheduling(Policies.fifo(), 3);

        assertThat(Policies.fifo().assign(snapshot)).containsExactly(new Assignment("t", "medium"));
        assertThat(policy.assign(snapshot)).isEmpty();
        assertThat(policy.nextDecisionTime(snapshot)).isEqualTo(3);
    }

    @Test
    void shouldStartItAtItsDataSiteOnceASlotIsFree() {
        SchedulingSnapshot snapshot = given().at(2).site("fast", 1.0, 1).site("medium", 0.6, 1)
                .task(READS_AT_FAST).build();

        assertThat(new DelayScheduling(Policies.fifo(), 3).assign(snapshot)).containsExactly(new Assignment("t", "fast"));
    }

    @Test
    void shouldLetItGoAnywhereOnceTheWaitRanOut() {
        SchedulingSnapshot snapshot = given().at(3).site("fast", 1.0, 1, 50.0).site("medium", 0.6, 1)
                .task(READS_AT_FAST).build();
        DelayScheduling policy = new DelayScheduling(Policies.fifo(), 3);

        assertThat(policy.assign(snapshot)).containsExactly(new Assignment("t", "medium"));
        assertThat(policy.nextDecisionTime(snapshot)).isInfinite();
    }

    @Test
    void shouldNotDelayATaskWithoutLocatedData() {
        SchedulingSnapshot snapshot = given().at(1).site("fast", 1.0, 1, 5.0).site("medium", 0.6, 1)
                .task(task("t", 0, 10, 1)).build();

        assertThat(new DelayScheduling(Policies.fifo(), 3).assign(snapshot)).containsExactly(new Assignment("t", "medium"));
    }
}
