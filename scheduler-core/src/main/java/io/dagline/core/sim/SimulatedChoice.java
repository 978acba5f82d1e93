package io.dagline.core.sim;

import io.dagline.core.policy.SchedulingPolicy;
import io.dagline.core.site.Platform;
import java.util.List;

/**
 * Picks a job's policy at submission by replaying the job in the simulator under each candidate with the
 * runtime estimates, and keeps the one with the shortest predicted makespan (ties: the first listed). Live,
 * this runs once per job at ingest (well under a second for the shared workflows). In the simulator the
 * estimates are exact, so its figures are what the choice achieves with perfect estimates.
 */
public final class SimulatedChoice {

    private SimulatedChoice() {
    }

    public static SchedulingPolicy choose(Workload workload, Platform platform, List<NamedPolicy> candidates) {
        SchedulingPolicy best = null;
        double bestMakespan = Double.POSITIVE_INFINITY;
        for (NamedPolicy candidate : candidates) {
            SchedulingPolicy policy = candidate.build(workload, platform);
            double makespan = Simulator.run(workload, platform, policy).makespan();
            if (makespan < bestMakespan) {
                best = policy;
                bestMakespan = makespan;
            }
        }
        return best;
    }
}
