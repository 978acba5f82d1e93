package io.dagline.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.policy.HeftPolicy;
import io.dagline.core.site.Platform;
import io.dagline.core.site.ThreeSites;
import io.dagline.core.testing.SharedWorkflows;
import io.dagline.core.wfformat.WfFormatReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The plan search on the real workflows at every placement seed of the report: its fast replay computes what
 * the simulator computes, its plan runs within the rules, it is never longer than HEFT's plan, it is the same
 * plan each time, and no schedule beats the site-aware bound.
 */
class PlanSearchTest {

    static final List<SharedWorkflows.Instance> WORKFLOWS = SharedWorkflows.ALL;
    static final long[] SEEDS = {1, 2, 3, 4, 5};

    @ParameterizedTest
    @FieldSource("WORKFLOWS")
    void shouldReplayAPlanExactlyAsTheSimulatorDoes(SharedWorkflows.Instance instance) {
        Platform platform = ThreeSites.platform();
        for (long seed : SEEDS) {
            Workload workload = workload(instance, platform, seed);
            HeftPlanner.Plan heft = HeftPlanner.plan(workload, platform);
            double[] rank = Levels.of(workload, platform).upwardRank();
            PlanReplay.Schedule fast = new PlanReplay(workload, platform).run(heft.site(), rank);
            SimulationResult simulated = Simulator.run(workload, platform, HeftPlanner.policy(workload, platform));
            assertThat(fast.makespan()).as("seed %d", seed).isEqualTo(simulated.makespan());
            for (int i = 0; i < workload.size(); i++) {
                assertThat(fast.start()[i]).as("start of %s", workload.task(i).id())
                        .isEqualTo(simulated.runs().get(i).start());
            }
        }
    }

    @ParameterizedTest
    @FieldSource("WORKFLOWS")
    void shouldPredictAStaticPlansMakespanAsTheSimulatorDoes(SharedWorkflows.Instance instance) {
        Platform platform = ThreeSites.platform();
        Workload workload = workload(instance, platform, 2);
        HeftPolicy heft = HeftPlanner.policy(workload, platform);
        HeftPolicy searched = PlanSearch.policy(workload, platform);
        Map<String, String> partial = new HashMap<>(heft.plannedSite());
        partial.remove(workload.task(workload.size() - 1).id());
        for (HeftPolicy plan : List.of(heft, searched, new HeftPolicy(partial))) {
            assertThat(Simulator.planMakespan(workload, platform, plan))
                    .isEqualTo(Simulator.run(workload, platform, plan).makespan());
        }
    }

    @ParameterizedTest
    @FieldSource("WORKFLOWS")
    void shouldFindAPlanNoLongerThanHeftsThatTheSimulatorConfirms(SharedWorkflows.Instance instance) {
        Platform platform = ThreeSites.platform();
        for (long seed : SEEDS) {
            Workload workload = workload(instance, platform, seed);
            PlanSearch.Result result = PlanSearch.plan(workload, platform);
            SimulationResult simulated = Simulator.run(workload, platform, result.policy());
            SimulationChecks.assertValid(workload, platform, simulated);
            assertThat(simulated.makespan()).as("seed %d: the simulator agrees with the search", seed)
                    .isEqualTo(result.makespan());
            double heft = Simulator.run(workload, platform, HeftPlanner.policy(workload, platform)).makespan();
            assertThat(result.makespan()).as("seed %d: against HEFT", seed).isLessThanOrEqualTo(heft);
            assertThat(PlanSearch.plan(workload, platform).siteByTask()).as("the same plan again")
                    .isEqualTo(result.siteByTask());
        }
    }

    @ParameterizedTest
    @FieldSource("WORKFLOWS")
    void shouldNeverPutTheSiteAwareBoundAboveAScheduleFound(SharedWorkflows.Instance instance) {
        Platform platform = ThreeSites.platform();
        for (long seed : SEEDS) {
            Workload workload = workload(instance, platform, seed);
            SiteAwareBound bound = SiteAwareBound.of(workload, platform);
            assertThat(bound.seconds()).isGreaterThanOrEqualTo(DataAwareBound.of(workload, platform).seconds());
            for (NamedPolicy policy : List.of(PolicyCatalog.FIFO, PolicyCatalog.CRITICAL_PATH, PolicyCatalog.HEFT,
                    PolicyCatalog.DAGLINE, PolicyCatalog.DAGLINE_PLAN)) {
                double makespan = Simulator.run(workload, platform, policy.build(workload, platform)).makespan();
                assertThat(bound.seconds()).as("seed %d, %s", seed, policy.name())
                        .isLessThanOrEqualTo(makespan + 1e-6);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("WORKFLOWS")
    void shouldRunTasksInThePlansPriorityOrder(SharedWorkflows.Instance instance) {
        Platform platform = ThreeSites.platform();
        Workload workload = workload(instance, platform, 1);
        HeftPlanner.Plan heft = HeftPlanner.plan(workload, platform);
        Map<String, String> sites = new HashMap<>();
        Map<String, Double> reversed = new HashMap<>();
        double[] rank = Levels.of(workload, platform).upwardRank();
        double[] reversedRank = new double[workload.size()];
        for (int i = 0; i < workload.size(); i++) {
            sites.put(workload.task(i).id(), heft.site()[i]);
            reversed.put(workload.task(i).id(), -rank[i]);
            reversedRank[i] = -rank[i];
        }
        SimulationResult simulated = Simulator.run(workload, platform, new HeftPolicy(sites, reversed));
        assertThat(new PlanReplay(workload, platform).run(heft.site(), reversedRank).makespan())
                .isEqualTo(simulated.makespan());
    }

    private static Workload workload(SharedWorkflows.Instance instance, Platform platform, long seed) {
        return Workloads.of(WfFormatReader.read(instance.path()), platform.siteNames(), InputPlacement.seeded(seed));
    }
}
