package io.dagline.core.sim;

import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.List;

/**
 * PEFT (Arabnejad and Barbosa, 2014) on sites with slots: an optimistic cost table OCT(task, site), the
 * shortest time from the task's end on that site to the workflow's end if every later task took its best site
 * with no slot contention (transfers counted when a successor is elsewhere). Ready tasks go by decreasing mean
 * OCT, each to the site minimising its earliest finish + OCT there: it looks past the task itself, which HEFT's
 * earliest finish does not.
 */
public final class PeftPlanner {

    private PeftPlanner() {
    }

    /** The site of each task, in the workload's task order. */
    public static String[] sites(Workload workload, Platform platform) {
        int n = workload.size();
        List<Site> sites = platform.sites().stream().filter(site -> site.slots() > 0).toList();
        double[][] cost = costs(workload, platform, sites);
        double[][] oct = optimisticCosts(workload, platform, sites, cost);
        double[] rank = new double[n];
        for (int task = 0; task < n; task++) {
            double sum = 0;
            int count = 0;
            for (int s = 0; s < sites.size(); s++) {
                if (cost[task][s] < Double.POSITIVE_INFINITY) {
                    sum += oct[task][s];
                    count++;
                }
            }
            rank[task] = count == 0 ? 0 : sum / count;
        }
        return ReadyListPlanner.plan(workload, platform, sites, rank,
                (task, site, finish, inputs) -> finish + oct[task][site]);
    }

    /** Each task's shortest duration at each site ({@link DataAwareBound#durationAt}). */
    private static double[][] costs(Workload workload, Platform platform, List<Site> sites) {
        double[][] cost = new double[workload.size()][sites.size()];
        for (int task = 0; task < workload.size(); task++) {
            for (int s = 0; s < sites.size(); s++) {
                cost[task][s] = DataAwareBound.durationAt(workload.task(task), sites.get(s), platform);
            }
        }
        return cost;
    }

    private static double[][] optimisticCosts(Workload workload, Platform platform, List<Site> sites,
            double[][] cost) {
        int n = workload.size();
        double secondsPerByte = Levels.meanSecondsPerByte(platform);
        long[][] edgeBytes = workload.edgeBytes();
        double[][] oct = new double[n][sites.size()];
        int[] order = workload.order();
        for (int k = n - 1; k >= 0; k--) {
            int task = order[k];
            int[] successors = workload.successorsView(task);
            for (int s = 0; s < sites.size(); s++) {
                double longest = 0;
                for (int j = 0; j < successors.length; j++) {
                    int successor = successors[j];
                    double shortest = Double.POSITIVE_INFINITY;
                    for (int t = 0; t < sites.size(); t++) {
                        double via = oct[successor][t] + cost[successor][t]
                                + (t == s ? 0 : edgeBytes[task][j] * secondsPerByte);
                        shortest = Math.min(shortest, via);
                    }
                    longest = Math.max(longest, shortest);
                }
                oct[task][s] = longest;
            }
        }
        return oct;
    }
}
