package io.dagline.core.plan;

import io.dagline.core.model.JobSpec;
import io.dagline.core.policy.HeftPolicy;
import io.dagline.core.policy.SchedulingPolicy;
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
 * with the job's runtime estimates, and keeps where each task ran and, for a static plan, the order it gives.
 * The live scheduler then sends each task to its planned site and orders every site's queue by the plan's
 * priority (upward rank when it has none), which is how the simulator runs a static plan
 * ({@link io.dagline.core.policy.HeftPolicy}); so a job's live makespan can be compared with the simulator's
 * prediction for the same policy.
 */
public final class SubmissionPlanner {

    /**
     * Where each task runs, in which order each site takes its ready tasks (highest priority first; empty: by
     * upward rank), when the plan starts each task (seconds from the job's start; empty: the plan does not repair
     * itself, see {@link HeftPolicy}), and the makespan the simulator predicts for the plan.
     */
    public record Plan(String policy, Map<String, String> siteByTask, Map<String, Double> priorityByTask,
            Map<String, Double> startByTask, double predictedMakespanSeconds) {

        public Plan {
            siteByTask = Map.copyOf(siteByTask);
            priorityByTask = Map.copyOf(priorityByTask);
            startByTask = Map.copyOf(startByTask);
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
        SchedulingPolicy built = policy.build(workload, platform);
        if (built instanceof HeftPolicy plan) {
            return new Plan(policy.name(), plan.plannedSite(), plan.priority(), plan.plannedStart(),
                    Simulator.planMakespan(workload, platform, plan));
        }
        SimulationResult result = Simulator.run(workload, platform, built);
        Map<String, String> siteByTask = new HashMap<>();
        for (TaskRun run : result.runs()) {
            siteByTask.put(run.taskId(), run.site());
        }
        return new Plan(policy.name(), siteByTask, Map.of(), Map.of(), result.makespan());
    }

    /**
     * The policies a pool may plan with, by their configuration names: {@code dagline} (the search over plans,
     * {@link io.dagline.core.sim.PlanSearch}, repaired live where runtimes put a task behind it: decision 0029),
     * {@code dagline-static} (the same plan, never repaired), {@code dagline-online} (where the online Dagline policy would put
     * each task: the default until decision 0024), {@code heft}, {@code critical-path} and {@code dagline-choice}.
     * FIFO needs no plan: its pools are not planned.
     */
    public static NamedPolicy policyNamed(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "dagline" -> PolicyCatalog.DAGLINE_PLAN_REPAIRED;
            case "dagline-static" -> PolicyCatalog.DAGLINE_PLAN;
            case "dagline-online" -> PolicyCatalog.DAGLINE;
            case "heft" -> PolicyCatalog.HEFT;
            case "critical-path" -> PolicyCatalog.CRITICAL_PATH;
            case "dagline-choice" -> PolicyCatalog.DAGLINE_CHOICE;
            default -> throw new IllegalArgumentException("unknown planning policy '" + name
                    + "': expected dagline, dagline-static, dagline-online, heft, critical-path or dagline-choice");
        };
    }
}
