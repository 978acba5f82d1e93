package io.dagline.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dagline.core.policy.HeftPolicy;
import io.dagline.core.site.Network;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import io.dagline.core.site.ThreeSites;
import io.dagline.core.testing.SharedWorkflows;
import io.dagline.core.wfformat.WfFormatReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A plan that repairs itself ({@link HeftPolicy} with planned starts): it moves a task only once runtimes have
 * put it behind its planned start, so with exact estimates it runs the plan exactly.
 */
class PlanRepairTest {

    static final List<SharedWorkflows.Instance> WORKFLOWS = SharedWorkflows.ALL;

    private static final Platform TWO_SITES = new Platform(List.of(new Site("fast", 1.0, 1), new Site("slow", 0.8, 1)),
            Network.uniform(List.of("fast", "slow"), 1e6));
    private static final Map<String, String> ALL_ON_FAST = Map.of("a", "fast", "b", "fast", "c", "fast");
    private static final Map<String, Double> IN_ORDER = Map.of("a", 3.0, "b", 2.0, "c", 1.0);
    private static final Map<String, Double> PLANNED_STARTS = Map.of("a", 0.0, "b", 10.0, "c", 20.0);

    private static WorkTask task(String id, double runtime) {
        return new WorkTask(id, runtime, List.of(), List.of(), "default", null);
    }

    private static Workload threeTasks(double runtimeOfA) {
        return new Workload("w", List.of(task("a", runtimeOfA), task("b", 10), task("c", 10)));
    }

    @Test
    void shouldMoveATaskThatRuntimesPutBehindItsPlannedStartWhereItFinishesSooner() {
        // "a" was estimated at 10 s and takes 15: "b" starts at 15, not 10, and "c", planned on the fast site at 20,
        // would wait until 25 there and end at 35; the slow site is free and ends it at 20 + 10 / 0.8 = 32.5.
        SimulationOptions told = SimulationOptions.exact().withEstimates(threeTasks(10));

        SimulationResult plain = Simulator.run(threeTasks(15), TWO_SITES, new HeftPolicy(ALL_ON_FAST, IN_ORDER), told);
        SimulationResult repaired = Simulator.run(threeTasks(15), TWO_SITES,
                new HeftPolicy(ALL_ON_FAST, IN_ORDER, PLANNED_STARTS), told);

        assertThat(plain.makespan()).isEqualTo(35.0);
        assertThat(repaired.makespan()).isCloseTo(32.5, within(1e-5)); // it moves a microsecond after its planned start
        assertThat(repaired.runs()).extracting(TaskRun::site).containsExactly("fast", "fast", "slow");
        assertThat(repaired.runs().get(2).start()).isCloseTo(20.0, within(1e-5));
    }

    @Test
    void shouldRunThePlanAsPlannedWhenTheEstimatesAreRight() {
        SimulationResult repaired = Simulator.run(threeTasks(10), TWO_SITES,
                new HeftPolicy(ALL_ON_FAST, IN_ORDER, PLANNED_STARTS));

        assertThat(repaired.runs()).extracting(TaskRun::site).containsOnly("fast");
        assertThat(repaired.makespan()).isEqualTo(30.0);
    }

    @ParameterizedTest
    @FieldSource("WORKFLOWS")
    void shouldGiveTheSearchsPlanItsOwnScheduleWithExactEstimates(SharedWorkflows.Instance instance) {
        Platform platform = ThreeSites.platform();
        for (long seed : new long[] {1, 4}) {
            Workload workload = Workloads.of(WfFormatReader.read(instance.path()), platform.siteNames(),
                    InputPlacement.seeded(seed));
            PlanSearch.Result plan = PlanSearch.plan(workload, platform);
            SimulationResult repaired = Simulator.run(workload, platform, plan.repairingPolicy());
            SimulationResult plain = Simulator.run(workload, platform, plan.policy());
            assertThat(repaired.makespan()).as("seed %d", seed).isEqualTo(plain.makespan());
            assertThat(repaired.runs()).as("seed %d", seed).isEqualTo(plain.runs());
        }
    }
}
