package io.dagline.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.dagline.core.policy.BarrierGroups;
import io.dagline.core.policy.DelayScheduling;
import io.dagline.core.policy.Policies;
import io.dagline.core.policy.SpeculationRule;
import io.dagline.core.site.Network;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {

    private static final Platform X_AND_Y = new Platform(List.of(new Site("x", 1.0, 1), new Site("y", 1.0, 1)),
            Network.uniform(List.of("x", "y"), 1e6));
    private static final Platform ONE_SITE = new Platform(List.of(new Site("s", 1.0, 10)),
            Network.uniform(List.of("s"), 1e6));

    private static WorkTask task(String id, double runtime, List<Integer> predecessors, DataInput... inputs) {
        return new WorkTask(id, runtime, predecessors, List.of(inputs), "default", null);
    }

    /** "busy" holds x (its data cannot leave); "big" reads 20 MB at x: 20 s to move it to y. */
    private static Workload busyAndBig(double busyRuntime) {
        return new Workload("w", List.of(
                task("busy", busyRuntime, List.of(), DataInput.external("pinned", 1, "x", true)),
                task("big", 10, List.of(), DataInput.external("data", 20_000_000, "x", false))));
    }

    @Test
    void shouldWaitForTheDataSiteWhenItFreesWithinTheWait() {
        SimulationResult fifo = Simulator.run(busyAndBig(5), X_AND_Y, Policies.fifo());
        SimulationResult delayed = Simulator.run(busyAndBig(5), X_AND_Y, new DelayScheduling(Policies.fifo(), 10));

        assertThat(fifo.runs().get(1)).isEqualTo(new TaskRun("big", "y", 0, 30, 20));
        assertThat(delayed.runs().get(1)).isEqualTo(new TaskRun("big", "x", 5, 15, 0));
        assertThat(delayed.makespan()).isEqualTo(15);
    }

    @Test
    void shouldWakeUpWhenTheWaitRunsOutThoughNothingFinishes() {
        SimulationResult delayed = Simulator.run(busyAndBig(50), X_AND_Y, new DelayScheduling(Policies.fifo(), 10));

        assertThat(delayed.runs().get(1)).isEqualTo(new TaskRun("big", "y", 10, 40, 20));
    }

    /** Eight 10 s tasks of one kind; the attempt slowed down is the first of "t7". */
    private static Workload eightTasks() {
        List<WorkTask> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(task("t" + i, 10, List.of()));
        }
        return new Workload("w", tasks);
    }

    private static final AttemptSlowdowns T7_FIRST_ATTEMPT_10X = (task, attempt) ->
            task.equals("t7") && attempt == 1 ? 10 : 1;

    @Test
    void shouldCopyAStragglerOnceThreeQuartersFinishedAndKeepTheFirstToFinish() {
        SimulationOptions stragglers = SimulationOptions.exact().withStragglers(T7_FIRST_ATTEMPT_10X);

        SimulationResult without = Simulator.run(eightTasks(), ONE_SITE, Policies.fifo(), stragglers);
        SimulationResult with = Simulator.run(eightTasks(), ONE_SITE, Policies.fifo(),
                stragglers.withSpeculation(SpeculationRule.sparkDefaults()));

        assertThat(without.makespan()).isEqualTo(100);
        // 7 finish at 10: median 10, threshold 15; the copy starts at 15 and ends at 25, the straggler is stopped
        // (just after 15: Spark copies an attempt running longer than the threshold)
        assertThat(with.runs().get(7).start()).isCloseTo(15, offset(1e-9));
        assertThat(with.runs().get(7).finish()).isCloseTo(25, offset(1e-9));
        assertThat(with.makespan()).isCloseTo(25, offset(1e-9));
        assertThat(with.speculativeCopies()).isEqualTo(1);
        assertThat(with.copiesThatWon()).isEqualTo(1);
        assertThat(with.attempts()).isEqualTo(9);
        // slot time: 7 × 10 + the straggler's 25 + the copy's 10 over 10 slots × 25 s
        assertThat(with.utilisation()).isCloseTo((70 + 25 + 10) / 250.0, offset(1e-9));
    }

    @Test
    void shouldNotCopyWhenNothingStraggles() {
        SimulationResult result = Simulator.run(eightTasks(), ONE_SITE, Policies.fifo(),
                SimulationOptions.exact().withSpeculation(SpeculationRule.sparkDefaults()));

        assertThat(result.makespan()).isEqualTo(10);
        assertThat(result.speculativeCopies()).isZero();
    }

    /** A group of three (10 s, 5 s, 10 s), one of them after a 3 s task; "after" needs the whole group. */
    private static Workload barrier() {
        return new Workload("w", List.of(
                task("first", 3, List.of()),
                task("a", 10, List.of(0)).inBarrierGroup("g"),
                task("b", 5, List.of()).inBarrierGroup("g"),
                task("c", 10, List.of()).inBarrierGroup("g"),
                task("after", 1, List.of(1, 2, 3))));
    }

    @Test
    void shouldStartABarrierGroupWholeOnceAllItsTasksAreReady() {
        SimulationResult result = Simulator.run(barrier(), ONE_SITE, new BarrierGroups(Policies.fifo()));

        assertThat(result.runs().subList(1, 4)).extracting(TaskRun::start).containsOnly(3.0);
        assertThat(result.runs().get(4).start()).isEqualTo(13);
    }

    @Test
    void shouldRefuseAPolicyThatStartsPartOfABarrierGroup() {
        assertThatThrownBy(() -> Simulator.run(barrier(), ONE_SITE, Policies.fifo()))
                .hasMessageContaining("started part of barrier group g");
    }

    @Test
    void shouldRetryTheWholeGroupWhenOneOfItsTasksFails() {
        AttemptFailures firstOfBFails = (task, attempt) -> task.equals("b") && attempt == 1;

        SimulationResult result = Simulator.run(barrier(), ONE_SITE, new BarrierGroups(Policies.fifo()),
                SimulationOptions.exact().withFailures(firstOfBFails));

        // b fails at 3 + 5 = 8: a and c are stopped, all three start again at 8 and finish by 18
        assertThat(result.runs().subList(1, 4)).extracting(TaskRun::start).containsOnly(8.0);
        assertThat(result.runs().get(4).start()).isEqualTo(18);
        assertThat(result.failedAttempts()).isEqualTo(3);
        assertThat(result.attempts()).isEqualTo(2 + 6);
    }

    @Test
    void shouldRetryAFailedTaskAlone() {
        AttemptFailures t3FailsTwice = (task, attempt) -> task.equals("t3") && attempt <= 2;

        SimulationResult result = Simulator.run(eightTasks(), ONE_SITE, Policies.fifo(),
                SimulationOptions.exact().withFailures(t3FailsTwice));

        assertThat(result.runs().get(3)).isEqualTo(new TaskRun("t3", "s", 20, 30, 0));
        assertThat(result.failedAttempts()).isEqualTo(2);
    }

    @Test
    void shouldStopAfterTooManyFailures() {
        assertThatThrownBy(() -> Simulator.run(eightTasks(), ONE_SITE, Policies.fifo(),
                SimulationOptions.exact().withFailures((task, attempt) -> task.equals("t0"))))
                .hasMessageContaining("task t0 failed 10 times");
    }

    @Test
    void shouldStartAKOfNTaskOnceKOfItsUpstreamTasksFinished() {
        // "any2" reads one 1 MB output of each of p1 (at x, 1 s), p2 (at x, 2 s), p3 (100 s); 2 of 3 suffice
        Platform twoSlots = new Platform(List.of(new Site("x", 1.0, 3)), Network.uniform(List.of("x"), 1e6));
        Workload workload = new Workload("w", List.of(
                task("p1", 1, List.of()), task("p2", 2, List.of()), task("p3", 100, List.of()),
                task("any2", 5, List.of(0, 1, 2), DataInput.produced("o1", 1_000_000, 0),
                        DataInput.produced("o2", 1_000_000, 1), DataInput.produced("o3", 1_000_000, 2))
                        .needingInputs(2)));

        SimulationResult result = Simulator.run(workload, twoSlots, Policies.dagline());

        assertThat(result.runs().get(3)).isEqualTo(new TaskRun("any2", "x", 2, 7, 0));
        assertThat(result.makespan()).isEqualTo(100);
    }

    @Test
    void shouldReadTheKOutputsWithTheBestLocality() {
        // p1 is pinned at x, p2 and p3 at y; 1 of 3 suffices once all three finished at the same time: at x it
        // reads p1's output for free, so nothing moves
        Platform twoSites = new Platform(List.of(new Site("x", 1.0, 2), new Site("y", 1.0, 2)),
                Network.uniform(List.of("x", "y"), 1e6));
        Workload workload = new Workload("w", List.of(
                task("p1", 1, List.of(), DataInput.external("i1", 1, "x", true)),
                task("p2", 1, List.of(), DataInput.external("i2", 1, "y", true)),
                task("p3", 1, List.of(), DataInput.external("i3", 1, "y", true)),
                task("any", 5, List.of(0, 1, 2), DataInput.produced("o1", 9_000_000, 0),
                        DataInput.produced("o2", 4_000_000, 1), DataInput.produced("o3", 4_000_000, 2))
                        .needingInputs(1)));

        SimulationResult result = Simulator.run(workload, twoSites, Policies.dagline());

        assertThat(result.runs().get(3).transferSeconds()).isZero();
    }
}
