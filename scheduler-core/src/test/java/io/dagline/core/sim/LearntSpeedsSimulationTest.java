package io.dagline.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.policy.Assignment;
import io.dagline.core.policy.Policies;
import io.dagline.core.policy.SchedulingPolicy;
import io.dagline.core.policy.SchedulingSnapshot;
import io.dagline.core.policy.SiteState;
import io.dagline.core.site.Network;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearntSpeedsSimulationTest {

    /** slow is listed first, so with equal speeds the policy's ties go to it. */
    private static final Platform SLOW_FIRST = new Platform(List.of(new Site("slow", 0.3, 4), new Site("fast", 1.0, 4)),
            Network.uniform(List.of("slow", "fast"), 1e8));
    private static final Map<String, Double> ALL_ONE = Map.of("slow", 1.0, "fast", 1.0);

    /** Ten stages of four 10 s tasks, each stage after the whole previous one. */
    private static Workload stages() {
        List<WorkTask> tasks = new ArrayList<>();
        for (int stage = 0; stage < 10; stage++) {
            List<Integer> previous = new ArrayList<>();
            for (int i = 0; i < 4 && stage > 0; i++) {
                previous.add((stage - 1) * 4 + i);
            }
            for (int i = 0; i < 4; i++) {
                tasks.add(new WorkTask("s" + stage + "-" + i, 10, previous, List.of(), "default", null));
            }
        }
        return new Workload("stages", tasks);
    }

    /** The policy shown fixed wrong speeds, as a scheduler that never learns. */
    private record SeesSpeeds(SchedulingPolicy inner, Map<String, Double> speeds) implements SchedulingPolicy {

        @Override
        public List<Assignment> assign(SchedulingSnapshot snapshot) {
            List<SiteState> sites = snapshot.sites().stream().map(site -> new SiteState(site.name(),
                    speeds.get(site.name()), site.slots(), site.busyUntil())).toList();
            return inner.assign(new SchedulingSnapshot(snapshot.now(), snapshot.ready(), sites, snapshot.network(),
                    snapshot.runningByPool(), snapshot.usageByPool(), snapshot.capacity()));
        }
    }

    @Test
    void shouldMovePlacementToTheFastSiteAsTheEstimatesConverge() {
        SimulationResult learning = Simulator.run(stages(), SLOW_FIRST, Policies.dagline(),
                SimulationOptions.exact().learningSpeedsFrom(ALL_ONE));

        // stage 0: every site looks the same, ties go to slow; from stage 1 on, slow is known to be slow
        for (int i = 0; i < 4; i++) {
            assertThat(learning.runs().get(i).site()).isEqualTo("slow");
        }
        for (int i = 4; i < 40; i++) {
            assertThat(learning.runs().get(i).site()).as("task %d", i).isEqualTo("fast");
        }
    }

    @Test
    void shouldEndBetweenExactAndNeverLearntSpeeds() {
        double exact = Simulator.run(stages(), SLOW_FIRST, Policies.dagline()).makespan();
        double learnt = Simulator.run(stages(), SLOW_FIRST, Policies.dagline(),
                SimulationOptions.exact().learningSpeedsFrom(ALL_ONE)).makespan();
        double neverLearnt = Simulator.run(stages(), SLOW_FIRST, new SeesSpeeds(Policies.dagline(), ALL_ONE))
                .makespan();

        assertThat(exact).isEqualTo(100);
        assertThat(neverLearnt).isGreaterThan(300);
        assertThat(learnt).isEqualTo(10 / 0.3 + 90);
    }
}
