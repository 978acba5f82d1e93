package io.dagline.core.policy;

import static io.dagline.core.policy.Snapshots.dataAt;
import static io.dagline.core.policy.Snapshots.given;
import static io.dagline.core.policy.Snapshots.immovableAt;
import static io.dagline.core.policy.Snapshots.levels;
import static io.dagline.core.policy.Snapshots.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListPolicyTest {

    @Test
    void shouldPickTheImmovableInputTaskFirst() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1, 1000.0).site("slow", 0.3, 1)
                .task(task("heavy", 0, 10, 100)).task(task("pinned", 1, 10, 1, immovableAt("slow"))).build();

        List<Assignment> stsid = Policies.stsid(TaskOrder.UPWARD_RANK, SiteRule.EARLIEST_AVAILABLE, 0).assign(snapshot);
        List<Assignment> byRankOnly = Policies.criticalPath().assign(snapshot);

        assertThat(stsid).containsExactly(new Assignment("pinned", "slow"));
        assertThat(byRankOnly).containsExactly(new Assignment("heavy", "slow"));
    }

    @Test
    void shouldRunAnImmovableInputTaskOnlyAtItsSite() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 8).site("slow", 0.3, 1, 50.0)
                .task(task("pinned", 0, 10, 1, immovableAt("slow"))).build();

        for (SchedulingPolicy policy : List.of(Policies.fifo(), Policies.criticalPath(), Policies.dagline(),
                Policies.stsid(TaskOrder.SHORTEST_FLOAT, SiteRule.SMALLEST_WASTE, 0),
                Policies.stsid(TaskOrder.RANDOM, SiteRule.EARLIEST_AVAILABLE, 3),
                Policies.fair(FairPools.defaults()), Policies.drf())) {
            assertThat(policy.assign(snapshot)).as(policy.toString()).isEmpty();
        }
        SchedulingSnapshot slotFreed = given().at(50).site("fast", 1.0, 8).site("slow", 0.3, 1)
                .task(task("pinned", 0, 10, 1, immovableAt("slow"))).build();
        assertThat(Policies.dagline().assign(slotFreed)).containsExactly(new Assignment("pinned", "slow"));
    }

    @Test
    void shouldPickTheFasterSiteByEarliestFinishWhenTransferIsSmall() {
        // fast: 1 GB over 100 MB/s = 10 s + 10 s run = 20 s; slow: data local, 10 / 0.3 = 33.3 s
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1).site("slow", 0.3, 1)
                .task(task("t", 0, 10, 10, dataAt("slow", 1_000_000_000L))).build();

        assertThat(Policies.dagline().assign(snapshot)).containsExactly(new Assignment("t", "fast"));
    }

    @Test
    void shouldKeepTheTaskWithItsDataByEarliestFinishWhenTransferDominates() {
        // fast: 10 GB over 100 MB/s = 100 s + 10 s = 110 s; slow: 33.3 s
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1).site("slow", 0.3, 1)
                .task(task("t", 0, 10, 10, dataAt("slow", 10_000_000_000L))).build();

        assertThat(Policies.dagline().assign(snapshot)).containsExactly(new Assignment("t", "slow"));
        assertThat(Policies.criticalPath().assign(snapshot)).containsExactly(new Assignment("t", "fast"));
    }

    @Test
    void shouldWaitForABusyFastSiteWhenThatFinishesEarlier() {
        // fast frees at 2 → finishes at 12; slow now → 33.3
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1, 2.0).site("slow", 0.3, 1)
                .task(task("t", 0, 10, 10)).build();

        assertThat(Policies.dagline().assign(snapshot)).isEmpty();
        assertThat(Policies.criticalPath().assign(snapshot)).containsExactly(new Assignment("t", "slow"));
    }

    @Test
    void shouldLetALowerPriorityTaskTakeTheSlotAHigherOneWaitsOut() {
        // "long" waits for fast (free at 2); "short" finishes sooner on slow now (3.3 s) than on fast after long
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1, 2.0).site("slow", 0.3, 1)
                .task(task("long", 0, 10, 50)).task(task("short", 1, 1, 1)).build();

        assertThat(Policies.dagline().assign(snapshot)).containsExactly(new Assignment("short", "slow"));
    }

    @Test
    void shouldChooseTheEarliestAvailableSite() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1, 5.0).site("medium", 0.6, 1, 3.0)
                .site("slow", 0.3, 1, 9.0).task(task("t", 0, 1, 1)).build();
        SchedulingSnapshot oneFree = given().site("fast", 1.0, 1, 5.0).site("medium", 0.6, 1)
                .site("slow", 0.3, 1).task(task("t", 0, 1, 1)).build();

        SchedulingPolicy policy = Policies.stsid(TaskOrder.EARLIEST_START, SiteRule.EARLIEST_AVAILABLE, 0);
        assertThat(policy.assign(snapshot)).isEmpty();
        assertThat(policy.assign(oneFree)).containsExactly(new Assignment("t", "medium"));
    }

    @Test
    void shouldChooseTheSiteOfSmallestWaste() {
        // medium: 6/0.6 = 10 s, no transfer; fast: 6 s + 500 MB / 100 MB/s = 11 s
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1).site("medium", 0.6, 1).site("slow", 0.3, 1)
                .task(task("t", 0, 6, 1, dataAt("medium", 500_000_000L))).build();

        SchedulingPolicy policy = Policies.stsid(TaskOrder.SHORTEST_FLOAT, SiteRule.SMALLEST_WASTE, 0);
        assertThat(policy.assign(snapshot)).containsExactly(new Assignment("t", "medium"));
    }

    @Test
    void shouldOrderByEarliestStartOrShortestFloat() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1)
                .task(levels("early-slack", 0, 5, 0, 30)).task(levels("late-critical", 1, 5, 20, 0)).build();

        assertThat(Policies.stsid(TaskOrder.EARLIEST_START, SiteRule.EARLIEST_FINISH, 0).assign(snapshot))
                .containsExactly(new Assignment("early-slack", "fast"));
        assertThat(Policies.stsid(TaskOrder.SHORTEST_FLOAT, SiteRule.EARLIEST_FINISH, 0).assign(snapshot))
                .containsExactly(new Assignment("late-critical", "fast"));
    }

    @Test
    void shouldOrderRandomlyButTheSameWayForTheSameSeed() {
        Snapshots builder = given().site("fast", 1.0, 1);
        for (int i = 0; i < 20; i++) {
            builder.task(task("t" + i, i, 1, 1));
        }
        SchedulingSnapshot snapshot = builder.build();
        List<String> firstPicks = new java.util.ArrayList<>();
        for (long seed = 0; seed < 10; seed++) {
            SchedulingPolicy policy = Policies.stsid(TaskOrder.RANDOM, SiteRule.EARLIEST_FINISH, seed);
            List<Assignment> once = policy.assign(snapshot);
            assertThat(policy.assign(snapshot)).isEqualTo(once);
            firstPicks.add(once.get(0).taskId());
        }
        assertThat(firstPicks.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void shouldServeFifoInSequenceOrderAndPreferLocalData() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1).site("slow", 0.3, 1)
                .task(task("second", 2, 1, 99)).task(task("first", 1, 1, 1, dataAt("slow", 10)))
                .task(task("third", 3, 1, 99)).build();

        assertThat(Policies.fifo().assign(snapshot))
                .containsExactly(new Assignment("first", "slow"), new Assignment("second", "fast"));
    }

    @Test
    void shouldNeverStartTwoTasksOnOneSlot() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 2, 4.0).task(task("a", 0, 0, 3))
                .task(task("b", 1, 0, 2)).task(task("c", 2, 0, 1)).build();

        assertThat(Policies.dagline().assign(snapshot)).containsExactly(new Assignment("a", "fast"));
    }

    @Test
    void shouldNotCountASlotFreeWhoseTaskRunsPastItsEstimate() {
        SchedulingSnapshot snapshot = given().at(100).site("fast", 1.0, 1, 50.0).site("slow", 0.3, 1, 60.0)
                .task(task("t", 0, 10, 1)).build();

        for (SchedulingPolicy policy : List.of(Policies.fifo(), Policies.criticalPath(), Policies.dagline(),
                Policies.fair(FairPools.defaults()), Policies.drf())) {
            assertThat(policy.assign(snapshot)).as(policy.toString()).isEmpty();
        }
    }
}
