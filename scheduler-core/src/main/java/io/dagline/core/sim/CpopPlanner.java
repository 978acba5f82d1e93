package io.dagline.core.sim;

import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.List;

/**
 * CPOP (Topcuoglu, Hariri and Wu, 2002) on sites with slots: a task's priority is its downward plus upward rank;
 * the tasks on the critical path (no float) all go to the one site that runs them fastest in sum, every other
 * task where it finishes first; ready tasks by decreasing priority. Where a critical task may not run at that
 * site (an immovable input elsewhere) it goes where it finishes first too.
 */
public final class CpopPlanner {

    private static final double CRITICAL_FLOAT = 1e-9;

    private CpopPlanner() {
    }

    /** The site of each task, in the workload's task order. */
    public static String[] sites(Workload workload, Platform platform) {
        int n = workload.size();
        List<Site> sites = platform.sites().stream().filter(site -> site.slots() > 0).toList();
        Levels levels = Levels.of(workload, platform);
        double[] priority = new double[n];
        boolean[] critical = new boolean[n];
        for (int task = 0; task < n; task++) {
            priority[task] = levels.earliestStart()[task] + levels.upwardRank()[task];
            critical[task] = levels.floatTime()[task] <= CRITICAL_FLOAT * Math.max(1, levels.criticalPath());
        }
        String criticalSite = fastestForCriticalPath(workload, sites, critical);
        return ReadyListPlanner.plan(workload, platform, sites, priority, (task, site, finish, inputs) ->
                !critical[task] || sites.get(site).name().equals(criticalSite)
                        || !HeftPlanner.mayRunAt(inputs, criticalSite) ? finish : Double.POSITIVE_INFINITY);
    }

    /** The site where the critical tasks' runtimes sum least, among those where all of them may run if any. */
    private static String fastestForCriticalPath(Workload workload, List<Site> sites, boolean[] critical) {
        String best = null;
        double bestSum = Double.POSITIVE_INFINITY;
        for (Site site : sites) {
            double sum = 0;
            for (int task = 0; task < critical.length; task++) {
                if (critical[task]) {
                    sum += workload.task(task).mayRunAt(site.name())
                            ? workload.task(task).runtimeSeconds() / site.speed() : Double.POSITIVE_INFINITY;
                }
            }
            if (best == null || sum < bestSum) {
                best = site.name();
                bestSum = sum;
            }
        }
        return best;
    }
}
