package io.dagline.core.sim;

import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;

/**
 * Static priorities of a workload on a platform, with HEFT's average costs: a task costs its runtime times the
 * mean of 1/speed over all slots, an edge its bytes times the mean of 1/bandwidth over all pairs of slots (0
 * within a site).
 *
 * @param upwardRank longest average-cost path from each task to the end, the task included
 * @param earliestStart longest average-cost path from the start to each task, the task excluded
 * @param floatTime critical path − earliestStart − upwardRank: how far the task may slip
 */
public record Levels(double[] upwardRank, double[] earliestStart, double[] floatTime, double criticalPath) {

    public static Levels of(Workload workload, Platform platform) {
        double secondsPerRuntime = meanInverseSpeed(platform);
        double secondsPerByte = meanSecondsPerByte(platform);
        int n = workload.size();
        int[] order = workload.order();
        double[] cost = new double[n];
        for (int i = 0; i < n; i++) {
            cost[i] = workload.task(i).runtimeSeconds() * secondsPerRuntime;
        }
        double[][] edgeCost = edgeCosts(workload, secondsPerByte);
        double[] rank = new double[n];
        for (int k = n - 1; k >= 0; k--) {
            int task = order[k];
            double after = 0;
            int[] successors = workload.successorsView(task);
            for (int s = 0; s < successors.length; s++) {
                after = Math.max(after, edgeCost[task][s] + rank[successors[s]]);
            }
            rank[task] = cost[task] + after;
        }
        double[] start = new double[n];
        for (int task : order) {
            int[] successors = workload.successorsView(task);
            for (int s = 0; s < successors.length; s++) {
                start[successors[s]] = Math.max(start[successors[s]], start[task] + cost[task] + edgeCost[task][s]);
            }
        }
        double criticalPath = 0;
        for (int i = 0; i < n; i++) {
            criticalPath = Math.max(criticalPath, start[i] + rank[i]);
        }
        double[] slack = new double[n];
        for (int i = 0; i < n; i++) {
            slack[i] = Math.max(0, criticalPath - start[i] - rank[i]);
        }
        return new Levels(rank, start, slack, criticalPath);
    }

    /** Bytes each task's successors read from it, as average seconds, aligned with its successor list. */
    private static double[][] edgeCosts(Workload workload, double secondsPerByte) {
        int n = workload.size();
        double[][] costs = new double[n][];
        for (int i = 0; i < n; i++) {
            costs[i] = new double[workload.successorsView(i).length];
        }
        workload.forEachEdgeInput((producer, slot, bytes) -> costs[producer][slot] += bytes * secondsPerByte);
        return costs;
    }

    static double meanInverseSpeed(Platform platform) {
        return platform.sites().stream().mapToDouble(site -> site.slots() / site.speed()).sum()
                / platform.totalSlots();
    }

    static double meanSecondsPerByte(Platform platform) {
        double sum = 0;
        for (Site from : platform.sites()) {
            for (Site to : platform.sites()) {
                if (from != to) {
                    sum += (double) from.slots() * to.slots()
                            / platform.network().bytesPerSecond(from.name(), to.name());
                }
            }
        }
        double slots = platform.totalSlots();
        return sum / (slots * slots);
    }
}
