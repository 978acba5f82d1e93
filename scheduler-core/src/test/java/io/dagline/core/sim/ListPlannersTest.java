package io.dagline.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.policy.HeftPolicy;
import io.dagline.core.site.Network;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import io.dagline.core.site.ThreeSites;
import io.dagline.core.testing.SharedWorkflows;
import io.dagline.core.wfformat.WfFormatReader;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Lookahead HEFT and CPOP: what each does that HEFT does not, and plans that keep the rules on real workflows. */
class ListPlannersTest {

    static final List<SharedWorkflows.Instance> WORKFLOWS = SharedWorkflows.ALL;

    private static WorkTask task(String id, double runtime, List<Integer> predecessors, DataInput... inputs) {
        return new WorkTask(id, runtime, predecessors, List.of(inputs), "default", null);
    }

    @Test
    void shouldKeepATaskWhereItsSuccessorMustRunWhenMovingItsOutputCostsMoreThanTheFasterSiteSaves() {
        // "b" must run at slow (an immovable input there) and reads 50 MB (50 s) from "a": HEFT puts "a" on the
        // fast site (done at 5 s instead of 10 s) and "b" waits for the transfer; lookahead HEFT keeps "a" at slow.
        Platform platform = new Platform(List.of(new Site("fast", 2.0, 1), new Site("slow", 1.0, 1)),
                Network.uniform(List.of("fast", "slow"), 1e6));
        Workload workload = new Workload("w", List.of(
                task("a", 10, List.of()),
                task("b", 1, List.of(0), DataInput.produced("out", 50_000_000, 0),
                        DataInput.external("pinned", 1, "slow", true))));

        String[] heft = HeftPlanner.plan(workload, platform).site();
        String[] lookahead = LookaheadHeftPlanner.sites(workload, platform);

        assertThat(heft).containsExactly("fast", "slow");
        assertThat(lookahead).containsExactly("slow", "slow");
        assertThat(makespan(workload, platform, lookahead)).isEqualTo(11.0);
        assertThat(makespan(workload, platform, heft)).isEqualTo(56.0);
    }

    @Test
    void shouldPutTheWholeCriticalPathOnTheSiteThatRunsItFastest() {
        // a → b → c is the critical path: all three on "fast", even where "slow" has a free slot; "d" is not on it
        // and goes where it finishes first.
        Platform platform = new Platform(List.of(new Site("fast", 2.0, 1), new Site("slow", 1.0, 2)),
                Network.uniform(List.of("fast", "slow"), 1e6));
        Workload workload = new Workload("w", List.of(
                task("a", 10, List.of()),
                task("b", 10, List.of(0)),
                task("c", 10, List.of(1)),
                task("d", 1, List.of())));

        assertThat(CpopPlanner.sites(workload, platform)).containsExactly("fast", "fast", "fast", "slow");
    }

    @ParameterizedTest
    @FieldSource("WORKFLOWS")
    void shouldPlanEveryTaskWhereItMayRun(SharedWorkflows.Instance instance) {
        Platform platform = ThreeSites.platform();
        for (long seed : new long[] {1, 3, 5}) {
            Workload workload = Workloads.of(WfFormatReader.read(instance.path()), platform.siteNames(),
                    InputPlacement.seeded(seed));
            for (BiFunction<Workload, Platform, String[]> planner : List.<BiFunction<Workload, Platform, String[]>>of(
                    LookaheadHeftPlanner::sites, CpopPlanner::sites, PeftPlanner::sites)) {
                String[] sites = planner.apply(workload, platform);
                for (int i = 0; i < workload.size(); i++) {
                    assertThat(workload.task(i).mayRunAt(sites[i])).as("%s at %s", workload.task(i).id(), sites[i])
                            .isTrue();
                }
                SimulationChecks.assertValid(workload, platform, Simulator.run(workload, platform,
                        new HeftPolicy(workload.byTaskId(i -> sites[i]))));
            }
        }
    }

    private static double makespan(Workload workload, Platform platform, String[] sites) {
        return Simulator.run(workload, platform, new HeftPolicy(workload.byTaskId(i -> sites[i]))).makespan();
    }
}
