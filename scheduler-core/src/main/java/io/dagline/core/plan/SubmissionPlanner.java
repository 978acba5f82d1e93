package io.dagline.core.plan;

import io.dagline.core.model.JobSpec;
import io.dagline.core.sim.NamedPolicy;
import io.dagline.core.sim.PolicyCatalog;
import io.dagline.core.sim.SimulationResult;
import io.dagline.core.sim.Simulator;
import io.dagline.core.sim.TaskRun;
import io.dagline.core.sim.Workload;
import io.dagline.core.sim.Workloads;
import io.dagline.core.site.Platform;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Plans a job at submission: replays it in the simulator under a pool's policy on the declared platform,
 * with the job's runtime estimates, and keeps where each task ran. The live scheduler then sends each task
 * to its planned site and orders every site's queue by upward rank, which is how the simulator runs a
 * static plan ({@link io.dagline.core.policy.HeftPolicy}); so a job's live makespan can be compared with
 * the simulator's prediction for the same policy.
 */
public final class SubmissionPlanner {

    /** Where each task runs, and the makespan the simulator predicts for the plan. */
    public record Plan(String policy, Map<String, String> siteByTask, double predictedMakespanSeconds) {

        public Plan {
            siteByTask = Map.copyOf(siteByTask);
        }
    }

    private final Platform platform;

    public SubmissionPlanner(Platform platform) {
        this.platform = platform;
    }

    public Platform platform() {
        return platform;
    }

    public Plan plan(JobSpec job, NamedPolicy policy) {
        Workload workload = Workloads.of(job);
        SimulationResult result = Simulator.run(workload, platform, policy.build(workload, platform));
        Map<String, String> siteByTask = new HashMap<>();
        for (TaskRun run : result.runs()) {
            siteByTask.put(run.taskId(), run.site());
        }
        return new Plan(policy.name(), siteByTask, result.makespan());
    }

    /**
     * The policies a pool may plan with, by their configuration names: {@code dagline}, {@code heft},
     * {@code critical-path} and {@code dagline-choice}. FIFO needs no plan: its pools are not planned.
     */
    public static NamedPolicy policyNamed(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "dagline" -> PolicyCatalog.DAGLINE;
            case "heft" -> PolicyCatalog.HEFT;
            case "critical-path" -> PolicyCatalog.CRITICAL_PATH;
            case "dagline-choice" -> PolicyCatalog.DAGLINE_CHOICE;
            default -> throw new IllegalArgumentException("unknown planning policy '" + name
                    + "': expected dagline, heft, critical-path or dagline-choice");
        };
    }
}
