package io.dagline.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The invariants every simulated schedule obeys, whatever the policy. */
final class SimulationChecks {

    private static final double EPSILON = 1e-6;

    private SimulationChecks() {
    }

    static void assertValid(Workload workload, Platform platform, SimulationResult result) {
        List<TaskRun> runs = result.runs();
        assertThat(runs).hasSize(workload.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < workload.size(); i++) {
            TaskRun run = runs.get(i);
            WorkTask task = workload.task(i);
            assertThat(run.taskId()).isEqualTo(task.id());
            assertThat(ids.add(run.taskId())).as("scheduled once: %s", run.taskId()).isTrue();
            for (int predecessor : task.predecessors()) {
                assertThat(run.start()).as("%s starts after %s", task.id(), workload.task(predecessor).id())
                        .isGreaterThanOrEqualTo(runs.get(predecessor).finish() - EPSILON);
            }
            double expected = run.transferSeconds() + task.runtimeSeconds() / platform.site(run.site()).speed();
            assertThat(run.finish() - run.start()).isCloseTo(expected, org.assertj.core.data.Offset.offset(EPSILON));
            if (task.pinnedSite() != null) {
                assertThat(run.site()).isEqualTo(task.pinnedSite());
            }
        }
        for (Site site : platform.sites()) {
            assertThat(maxConcurrent(runs, site.name())).as("tasks at once on %s", site.name())
                    .isLessThanOrEqualTo(site.slots());
        }
        assertThat(result.makespan()).isGreaterThanOrEqualTo(LowerBound.of(workload, platform).seconds() - EPSILON)
                .isGreaterThanOrEqualTo(DataAwareBound.of(workload, platform).seconds() - EPSILON);
        assertThat(result.utilisation()).isBetween(0.0, 1.0 + EPSILON);
    }

    /** Most tasks running at one instant on the site; a task ending when another starts frees its slot first. */
    private static int maxConcurrent(List<TaskRun> runs, String site) {
        List<double[]> events = new ArrayList<>();
        for (TaskRun run : runs) {
            if (run.site().equals(site) && run.finish() > run.start()) {
                events.add(new double[] {run.start(), 1});
                events.add(new double[] {run.finish(), -1});
            }
        }
        events.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int running = 0;
        int most = 0;
        for (double[] event : events) {
            running += (int) event[1];
            most = Math.max(most, running);
        }
        return most;
    }
}
