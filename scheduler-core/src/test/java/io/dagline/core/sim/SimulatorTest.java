package io.dagline.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.dagline.core.model.DataRef;
import io.dagline.core.policy.Policies;
import io.dagline.core.site.Network;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import io.dagline.core.site.ThreeSites;
import io.dagline.core.wfformat.WfFile;
import io.dagline.core.wfformat.WfTask;
import io.dagline.core.wfformat.WfWorkflow;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static final Platform TWO_SITES = new Platform(List.of(new Site("fast", 1.0, 1), new Site("slow", 0.5, 1)),
            Network.uniform(List.of("fast", "slow"), 1e6));

    private static WorkTask task(String id, double runtime, List<Integer> predecessors, DataInput... inputs) {
        return new WorkTask(id, runtime, predecessors, List.of(inputs), "default", null);
    }

    @Test
    void shouldChargeTransferTimeForAnOutputReadAtAnotherSite() {
        // "pinned" must run at slow (10/0.5 = 20 s) and reads 3 MB from "source", which ran at fast: 3 s
        Workload workload = new Workload("w", List.of(
                task("source", 10, List.of()),
                task("pinned", 10, List.of(0), DataInput.produced("out", 3_000_000, 0),
                        DataInput.external("secret", 1, "slow", true))));

        SimulationResult result = Simulator.run(workload, TWO_SITES, Policies.dagline());

        assertThat(result.runs().get(0)).isEqualTo(new TaskRun("source", "fast", 0, 10, 0));
        assertThat(result.runs().get(1).site()).isEqualTo("slow");
        assertThat(result.runs().get(1).start()).isEqualTo(10);
        assertThat(result.runs().get(1).transferSeconds()).isCloseTo(3, offset(1e-9));
        assertThat(result.makespan()).isCloseTo(33, offset(1e-9));
        assertThat(result.utilisation()).isCloseTo((10 + 23) / (2 * 33.0), offset(1e-9));
    }

    @Test
    void shouldComputeBothLowerBounds() {
        // chain 10 → 20 and an independent 30: critical path 30 on the fast site; work 60 / capacity 1.5 = 40
        Workload workload = new Workload("w", List.of(task("a", 10, List.of()), task("b", 20, List.of(0)),
                task("c", 30, List.of())));

        LowerBound bound = LowerBound.of(workload, TWO_SITES);

        assertThat(bound.criticalPathSeconds()).isEqualTo(30);
        assertThat(bound.workOverCapacitySeconds()).isCloseTo(40, offset(1e-9));
        assertThat(bound.seconds()).isCloseTo(40, offset(1e-9));
    }

    @Test
    void shouldBoundByPinnedWorkAndInputTransfers() {
        // both pinned at slow: (10 + 10) / 0.5 = 40 s there; a 5 MB input at slow costs "free" 5 s + 4 s at fast
        Workload pinned = new Workload("w", List.of(task("a", 10, List.of(), DataInput.external("x", 1, "slow", true)),
                task("b", 10, List.of(), DataInput.external("y", 1, "slow", true))));
        Workload moving = new Workload("w", List.of(task("c", 4, List.of(), DataInput.external("z", 5_000_000, "slow",
                false))));

        assertThat(DataAwareBound.of(pinned, TWO_SITES).pinnedWorkSeconds()).isCloseTo(40, offset(1e-9));
        assertThat(DataAwareBound.of(moving, TWO_SITES).criticalPathSeconds()).isCloseTo(8, offset(1e-9));
    }

    @Test
    void shouldFailWhenAPolicyBreaksTheRules() {
        Workload workload = new Workload("w", List.of(task("a", 1, List.of())));

        assertThatThrownBy(() -> Simulator.run(workload, TWO_SITES,
                snapshot -> List.of(new io.dagline.core.policy.Assignment("a", "fast"),
                        new io.dagline.core.policy.Assignment("a", "fast"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not ready or already started");
        assertThatThrownBy(() -> Simulator.run(workload, TWO_SITES, snapshot -> List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing running");
    }

    @Test
    void shouldReadWorkflowOutputsFromTheirProducerAndPlaceInputsFromTheSeed() {
        WfWorkflow workflow = new WfWorkflow("wf", "1.5", List.of(
                new WfTask("split_ID1", List.of(), 2, List.of(new WfFile("in", 100)), List.of(new WfFile("part", 7))),
                new WfTask("work_ID2", List.of("split_ID1"), 3, List.of(new WfFile("part", 7)), List.of())));

        Workload workload = Workloads.of(workflow, ThreeSites.platform().siteNames(), new InputPlacement(9, 1.0));

        assertThat(workload.task(1).inputs()).containsExactly(DataInput.produced("part", 7, 0));
        DataInput in = workload.task(0).inputs().get(0);
        assertThat(in.isProduced()).isFalse();
        assertThat(in.immovable()).isTrue();
        assertThat(workload.task(0).pool()).isEqualTo("split");
        assertThat(Workloads.of(workflow, ThreeSites.platform().siteNames(), new InputPlacement(9, 1.0)).task(0))
                .isEqualTo(workload.task(0));
        assertThat(Simulator.run(workload, ThreeSites.platform(), Policies.fifo()).runs().get(0).site())
                .isEqualTo(in.site());
        assertThat(Simulator.run(workflow, ThreeSites.platform(), Policies.fifo(), 9))
                .isEqualTo(Simulator.run(workflow, ThreeSites.platform(), Policies.fifo(), 9));
    }

    @Test
    void shouldNeverPinATaskToTwoSites() {
        WfWorkflow workflow = new WfWorkflow("wf", "1.5", List.of(new WfTask("t", List.of(), 1,
                java.util.stream.IntStream.range(0, 30).mapToObj(i -> new WfFile("f" + i, 1)).toList(), List.of())));

        for (long seed = 0; seed < 20; seed++) {
            WorkTask task = Workloads.of(workflow, ThreeSites.platform().siteNames(), new InputPlacement(seed, 0.5))
                    .task(0);
            assertThat(task.inputs().stream().filter(DataInput::immovable).map(DataInput::site).distinct())
                    .hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void shouldTakeSitesOfJobDataReferences() {
        io.dagline.core.model.TaskSpec spec = new io.dagline.core.model.TaskSpec("t", "fn", null, List.of(), null,
                2_000L, null, null, List.of(new DataRef("s3://x", 10, "slow", true)), "etl", null);

        Workload workload = Workloads.of(new io.dagline.core.model.JobSpec("j", "job", null, List.of(spec)));

        assertThat(workload.task(0)).isEqualTo(new WorkTask("t", 2.0, List.of(),
                List.of(DataInput.external("s3://x", 10, "slow", true)), "etl", null));
        assertThat(Simulator.run(new io.dagline.core.model.JobSpec("j", "job", null, List.of(spec)), TWO_SITES,
                Policies.fifo()).makespan()).isEqualTo(4.0);
    }
}
