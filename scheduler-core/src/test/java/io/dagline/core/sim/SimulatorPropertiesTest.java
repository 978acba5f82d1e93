package io.dagline.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.DataRef;
import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import io.dagline.core.site.Network;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import io.dagline.core.site.ThreeSites;
import io.dagline.core.testing.RandomDag;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SimulatorPropertiesTest {

    private static final Platform SMALL = new Platform(
            List.of(new Site("a", 1.0, 2), new Site("b", 0.5, 1), new Site("c", 0.25, 3)),
            Network.uniform(List.of("a", "b", "c"), 1e6));

    @Provide
    Arbitrary<RandomDag> dags() {
        return RandomDag.arbitrary(30);
    }

    /** The random DAG's job, with some data at sites and every fifth task pinned by immovable data. */
    static Workload withData(RandomDag dag, Platform platform) {
        JobSpec job = dag.toJob();
        List<String> sites = platform.siteNames();
        List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < job.tasks().size(); i++) {
            TaskSpec task = job.tasks().get(i);
            String site = sites.get(i % sites.size());
            List<DataRef> inputs = List.of(new DataRef("data-" + i, (i % 4) * 700_000L, site, i % 5 == 0));
            tasks.add(new TaskSpec(task.id(), task.function(), task.args(), task.dependencies(), task.resources(),
                    task.runtimeEstimateMs(), null, null, inputs, i % 2 == 0 ? "even" : "odd", null));
        }
        return Workloads.of(new JobSpec(job.jobId(), job.name(), null, tasks));
    }

    @Property(tries = 60)
    void everyPolicyProducesAValidScheduleAboveTheLowerBound(@ForAll("dags") RandomDag dag) {
        for (Platform platform : List.of(SMALL, ThreeSites.platform())) {
            Workload workload = withData(dag, platform);
            for (NamedPolicy policy : PolicyCatalog.all()) {
                SimulationResult result = Simulator.run(workload, platform, policy.build(workload, platform));
                SimulationChecks.assertValid(workload, platform, result);
            }
        }
    }

    @Property(tries = 30)
    void theSameInputsGiveTheSameSchedule(@ForAll("dags") RandomDag dag) {
        Workload workload = withData(dag, SMALL);
        for (NamedPolicy policy : PolicyCatalog.all()) {
            assertThat(Simulator.run(workload, SMALL, policy.build(workload, SMALL)))
                    .isEqualTo(Simulator.run(workload, SMALL, policy.build(workload, SMALL)));
        }
    }

    @Property(tries = 30)
    void theDataAwareBoundIsNeverBelowTheLowerBound(@ForAll("dags") RandomDag dag) {
        Workload workload = withData(dag, SMALL);
        assertThat(DataAwareBound.of(workload, SMALL).seconds())
                .isGreaterThanOrEqualTo(LowerBound.of(workload, SMALL).seconds() - 1e-9);
    }

    @Property(tries = 30)
    void heftRunsEveryTaskWhereItsPlanPutIt(@ForAll("dags") RandomDag dag) {
        Workload workload = withData(dag, SMALL);
        HeftPlanner.Plan plan = HeftPlanner.plan(workload, SMALL);
        SimulationResult result = Simulator.run(workload, SMALL, HeftPlanner.policy(workload, SMALL));
        for (int i = 0; i < workload.size(); i++) {
            assertThat(result.runs().get(i).site()).isEqualTo(plan.site()[i]);
        }
    }
}
