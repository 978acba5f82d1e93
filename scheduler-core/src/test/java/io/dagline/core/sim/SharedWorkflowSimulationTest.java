package io.dagline.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.site.Platform;
import io.dagline.core.site.ThreeSites;
import io.dagline.core.testing.SharedWorkflows;
import io.dagline.core.wfformat.WfFormatReader;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The simulator's invariants on the real workflows, for the baselines and Dagline's policy. */
class SharedWorkflowSimulationTest {

    static final List<SharedWorkflows.Instance> WORKFLOWS = SharedWorkflows.ALL;

    @ParameterizedTest
    @FieldSource("WORKFLOWS")
    void shouldScheduleEveryTaskOnceWithinTheRules(SharedWorkflows.Instance instance) {
        Platform platform = ThreeSites.platform();
        Workload workload = Workloads.of(WfFormatReader.read(instance.path()), platform.siteNames(),
                InputPlacement.seeded(PolicyReport.PLACEMENT_SEED));
        assertThat(workload.size()).isEqualTo(instance.tasks());
        for (NamedPolicy policy : List.of(PolicyCatalog.FIFO, PolicyCatalog.FAIR, PolicyCatalog.HEFT,
                PolicyCatalog.DAGLINE)) {
            SimulationResult result = Simulator.run(workload, platform, policy.build(workload, platform));
            SimulationChecks.assertValid(workload, platform, result);
        }
    }
}
