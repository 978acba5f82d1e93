package io.dagline.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.policy.SpeculationRule;
import io.dagline.core.pools.PoolPolicies;
import io.dagline.core.pools.PoolsFile;
import io.dagline.core.site.Network;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import io.dagline.core.testing.RandomDag;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SimulatorOptionsPropertiesTest {

    private static final Platform SMALL = new Platform(
            List.of(new Site("a", 1.0, 2), new Site("b", 0.5, 1), new Site("c", 0.25, 3)),
            Network.uniform(List.of("a", "b", "c"), 1e6));
    private static final SimulationOptions EVERYTHING = SimulationOptions.exact()
            .learningSpeedsFrom(Map.of("a", 1.0, "b", 1.0, "c", 1.0))
            .withStragglers(new StragglerModel(3, 0.2, 4))
            .withSpeculation(SpeculationRule.sparkDefaults())
            .withFailures(new FailureModel(5, 0.1, 20));

    @Provide
    Arbitrary<RandomDag> dags() {
        return RandomDag.arbitrary(30);
    }

    @Property(tries = 40)
    void everyPolicyRunsEveryTaskOnceAfterItsPredecessorsUnderLearntSpeedsStragglersAndFailures(
            @ForAll("dags") RandomDag dag) {
        Workload workload = SimulatorPropertiesTest.withData(dag, SMALL);
        List<NamedPolicy> policies = new java.util.ArrayList<>(PolicyCatalog.all());
        policies.add(new NamedPolicy("pools", (w, p) -> new PoolPolicies(PoolsFile.parse(
                "pool.even.ordering = fifo\npool.even.minShare = 1\npool.odd.ordering = adaptive\npool.odd.weight = 2"))));
        for (NamedPolicy policy : policies) {
            SimulationResult result = Simulator.run(workload, SMALL, policy.build(workload, SMALL), EVERYTHING);
            assertThat(result.runs()).as(policy.name()).hasSize(workload.size()).doesNotContainNull();
            for (int i = 0; i < workload.size(); i++) {
                TaskRun run = result.runs().get(i);
                WorkTask task = workload.task(i);
                assertThat(run.taskId()).isEqualTo(task.id());
                for (int predecessor : task.predecessors()) {
                    assertThat(run.start()).as("%s: %s after %s", policy.name(), task.id(),
                            workload.task(predecessor).id())
                            .isGreaterThanOrEqualTo(result.runs().get(predecessor).finish() - 1e-9);
                }
                if (task.pinnedSite() != null) {
                    assertThat(run.site()).isEqualTo(task.pinnedSite());
                }
            }
            assertThat(result.attempts()).isGreaterThanOrEqualTo(workload.size() + result.speculativeCopies());
            assertThat(result.copiesThatWon()).isLessThanOrEqualTo(result.speculativeCopies());
            assertThat(result.utilisation()).isBetween(0.0, 1.0 + 1e-9);
        }
    }
}
