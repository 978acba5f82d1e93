package io.dagline.core.pools;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.policy.Assignment;
import io.dagline.core.policy.ReadyTask;
import io.dagline.core.policy.SchedulingSnapshot;
import io.dagline.core.policy.SiteState;
import io.dagline.core.site.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PoolPoliciesTest {

    private static ReadyTask task(String id, String pool, long sequence, double rank) {
        return new ReadyTask(id, "job-" + id, sequence, pool, 1, rank, 0, 0, List.of(), null);
    }

    private static SchedulingSnapshot oneSite(int freeSlots, List<ReadyTask> ready) {
        return oneSite(freeSlots, ready, Map.of());
    }

    private static SchedulingSnapshot oneSite(int freeSlots, List<ReadyTask> ready, Map<String, Integer> running) {
        return new SchedulingSnapshot(0, ready, List.of(new SiteState("s", 1.0, freeSlots, List.of())),
                Network.uniform(List.of("s"), 1e8), running, Map.of(),
                new io.dagline.core.model.Resources(freeSlots, 1 << 20));
    }

    private static List<ReadyTask> tasks(String pool, int count) {
        List<ReadyTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(task(pool + i, pool, i, 1));
        }
        return tasks;
    }

    private static Map<String, Long> startedPerPool(List<Assignment> assignments) {
        return assignments.stream().collect(Collectors.groupingBy(a -> a.taskId().replaceAll("\\d+$", ""),
                Collectors.counting()));
    }

    private static List<ReadyTask> both(List<ReadyTask> a, List<ReadyTask> b) {
        List<ReadyTask> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void shouldFillAPoolsMinShareBeforeWeightsCount() {
        // a needs 2 slots before anything else; then both at weight 1: b (0 running) before a (2 running)
        PoolPolicies policy = new PoolPolicies(PoolsFile.parse("pool.a.minShare = 2\npool.b.weight = 1"));

        List<Assignment> started = policy.assign(oneSite(3, both(tasks("a", 5), tasks("b", 5))));

        assertThat(startedPerPool(started)).containsEntry("a", 2L).containsEntry("b", 1L);
    }

    @Test
    void shouldShareSlotsByWeight() {
        PoolPolicies policy = new PoolPolicies(PoolsFile.parse("pool.a.weight = 2\npool.b.weight = 1"));

        List<Assignment> started = policy.assign(oneSite(6, both(tasks("a", 9), tasks("b", 9))));

        assertThat(startedPerPool(started)).containsEntry("a", 4L).containsEntry("b", 2L);
    }

    @Test
    void shouldCountWhatEachPoolAlreadyRuns() {
        PoolPolicies policy = new PoolPolicies(PoolsFile.parse("pool.a.weight = 1\npool.b.weight = 1"));

        List<Assignment> started = policy.assign(oneSite(2, both(tasks("a", 3), tasks("b", 3)), Map.of("a", 2)));

        assertThat(startedPerPool(started)).containsOnlyKeys("b").containsEntry("b", 2L);
    }

    @Test
    void shouldOrderEachPoolByItsOwnPolicy() {
        // fifo takes its lowest sequence; dagline its highest upward rank
        PoolPolicies policy = new PoolPolicies(PoolsFile.parse("pool.f.ordering = fifo\npool.d.ordering = dagline"));
        List<ReadyTask> ready = List.of(task("f-first", "f", 0, 1), task("f-long", "f", 1, 100),
                task("d-first", "d", 2, 1), task("d-long", "d", 3, 100));

        List<Assignment> started = policy.assign(oneSite(2, ready));

        assertThat(started).extracting(Assignment::taskId).containsExactlyInAnyOrder("f-first", "d-long");
    }

    @Test
    void shouldStartAHigherPriorityJobFirstWithinAPool() {
        PoolPolicies policy = new PoolPolicies(PoolsFile.parse("pool.d.ordering = dagline"));
        List<ReadyTask> ready = List.of(task("long", "d", 0, 100), task("urgent", "d", 1, 1).withPriority(5),
                task("middle", "d", 2, 50));

        List<Assignment> started = policy.assign(oneSite(2, ready));

        assertThat(started).extracting(Assignment::taskId).containsExactly("urgent", "long");
    }

    @Test
    void shouldBuildOnePolicyPerPoolAndKeepIt() {
        List<PoolOrdering> built = new ArrayList<>();
        Function<PoolOrdering, io.dagline.core.policy.SchedulingPolicy> factory = ordering -> {
            built.add(ordering);
            return PoolPolicies.standard(ordering);
        };
        PoolPolicies policy = new PoolPolicies(PoolsFile.parse("pool.a.ordering = fifo\ndefault.ordering = heft"),
                factory);

        policy.assign(oneSite(4, both(tasks("a", 2), tasks("b", 2))));
        policy.assign(oneSite(4, both(tasks("a", 2), tasks("b", 2))));

        assertThat(built).containsExactlyInAnyOrder(PoolOrdering.FIFO, PoolOrdering.HEFT);
    }

    @Test
    void shouldShareAFairPoolBetweenItsJobs() {
        // job x submitted first with 3 tasks, job y with 3: FAIR inside the pool starts 2 of each on 4 slots
        PoolPolicies policy = new PoolPolicies(PoolsFile.parse("pool.p.ordering = fair"));
        List<ReadyTask> ready = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ready.add(new ReadyTask("x" + i, "x", i, "p", 1, 1, 0, 0, List.of(), null));
        }
        for (int i = 0; i < 3; i++) {
            ready.add(new ReadyTask("y" + i, "y", 3 + i, "p", 1, 1, 0, 0, List.of(), null));
        }

        List<Assignment> started = policy.assign(oneSite(4, ready));

        assertThat(startedPerPool(started)).containsEntry("x", 2L).containsEntry("y", 2L);
    }
}
