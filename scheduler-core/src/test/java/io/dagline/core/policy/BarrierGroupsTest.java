package io.dagline.core.policy;

import static io.dagline.core.policy.Snapshots.given;
import static io.dagline.core.policy.Snapshots.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BarrierGroupsTest {

    private static ReadyTask member(String id, long sequence, int groupSize) {
        return task(id, sequence, 10, 1).withBarrier(new ReadyTask.Barrier("g", groupSize));
    }

    @Test
    void shouldHoldAGroupUntilAllItsTasksAreReady() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 4).task(member("g1", 0, 3)).task(member("g2", 1, 3))
                .task(task("other", 2, 10, 1)).build();

        assertThat(new BarrierGroups(Policies.fifo()).assign(snapshot)).containsExactly(new Assignment("other", "fast"));
    }

    @Test
    void shouldHoldAGroupWithoutEnoughFreeSlots() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 3, 20.0).task(member("g1", 0, 3))
                .task(member("g2", 1, 3)).task(member("g3", 2, 3)).task(task("other", 3, 10, 1)).build();

        List<Assignment> started = new BarrierGroups(Policies.fifo()).assign(snapshot);

        assertThat(started).containsExactly(new Assignment("other", "fast"));
    }

    @Test
    void shouldStartAWholeGroupInOneCall() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 2).site("slow", 0.3, 2).task(task("other", 0, 10, 1))
                .task(member("g1", 1, 3)).task(member("g2", 2, 3)).task(member("g3", 3, 3)).build();

        List<Assignment> started = new BarrierGroups(Policies.fifo()).assign(snapshot);

        assertThat(started).extracting(Assignment::taskId).containsExactlyInAnyOrder("other", "g1", "g2", "g3");
    }

    @Test
    void shouldWithdrawAGroupTheInnerPolicyStartedOnlyInPartAndOfferItAlone() {
        // 3 free slots, FIFO starts "other" first and then only 2 of the 3 members: withdrawn; the group alone
        // does not fit beside "other", so the group waits and "other" runs
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 3).task(task("other", 0, 10, 1))
                .task(member("g1", 1, 3)).task(member("g2", 2, 3)).task(member("g3", 3, 3)).build();

        List<Assignment> started = new BarrierGroups(Policies.fifo()).assign(snapshot);

        assertThat(started).containsExactly(new Assignment("other", "fast"));
    }
}
