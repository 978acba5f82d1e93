package io.dagline.core.sim;

import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A tighter lower bound than {@link LowerBound}, still valid for every schedule, that counts what the data
 * imposes. Each task takes at least its shortest duration over the sites it may run at, counting the transfer
 * of its workflow inputs (not of its predecessors' outputs, which could be local). From those durations:
 * <ul>
 *   <li>the critical path;</li>
 *   <li>for every threshold τ, τ + the work of the tasks that cannot start before τ ÷ the total capacity
 *       (τ = 0 is the classic work bound);</li>
 *   <li>for every site, the work pinned there by immovable inputs ÷ that site's capacity.</li>
 * </ul>
 * Not the bound: the report shows it to say how much of a gap to {@link LowerBound} no policy can close.
 */
public record DataAwareBound(double criticalPathSeconds, double thresholdWorkSeconds, double pinnedWorkSeconds) {

    public static DataAwareBound of(Workload workload, Platform platform) {
        int n = workload.size();
        double[] earliestStart = new double[n];
        double criticalPath = 0;
        for (int task : workload.order()) {
            double start = 0;
            for (int predecessor : workload.task(task).predecessors()) {
                start = Math.max(start, earliestStart[predecessor] + shortestDuration(workload.task(predecessor),
                        platform));
            }
            earliestStart[task] = start;
            criticalPath = Math.max(criticalPath, start + shortestDuration(workload.task(task), platform));
        }
        return new DataAwareBound(criticalPath, thresholdWork(workload, platform, earliestStart),
                pinnedWork(workload, platform));
    }

    public double seconds() {
        return Math.max(criticalPathSeconds, Math.max(thresholdWorkSeconds, pinnedWorkSeconds));
    }

    static double shortestDuration(WorkTask task, Platform platform) {
        double best = Double.POSITIVE_INFINITY;
        for (Site site : platform.sites()) {
            if (site.slots() > 0) {
                best = Math.min(best, durationAt(task, site, platform));
            }
        }
        return best;
    }

    /**
     * The task's shortest duration at the site: its workflow inputs moved there (not its predecessors' outputs,
     * which could be local) and its run at the site's speed; infinite where an immovable input forbids the site.
     */
    static double durationAt(WorkTask task, Site site, Platform platform) {
        if (!task.mayRunAt(site.name())) {
            return Double.POSITIVE_INFINITY;
        }
        double transfer = task.inputs().stream().filter(input -> !input.isProduced())
                .mapToDouble(input -> platform.network().transferSeconds(input.site(), site.name(), input.bytes()))
                .sum();
        return transfer + task.runtimeSeconds() / site.speed();
    }

    private static double thresholdWork(Workload workload, Platform platform, double[] earliestStart) {
        Integer[] latestFirst = IntStream.range(0, workload.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(latestFirst, Comparator.comparingDouble((Integer i) -> -earliestStart[i]));
        double work = 0;
        double bound = 0;
        for (int task : latestFirst) {
            work += workload.task(task).runtimeSeconds();
            bound = Math.max(bound, earliestStart[task] + work / platform.capacity());
        }
        return bound;
    }

    private static double pinnedWork(Workload workload, Platform platform) {
        Map<String, Double> work = new HashMap<>();
        for (WorkTask task : workload.tasks()) {
            if (task.pinnedSite() != null) {
                work.merge(task.pinnedSite(), task.runtimeSeconds(), Double::sum);
            }
        }
        return work.entrySet().stream().mapToDouble(e -> e.getValue() / platform.site(e.getKey()).capacity()).max()
                .orElse(0);
    }
}
