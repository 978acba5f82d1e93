package io.dagline.core.graph;

/**
 * HEFT upward rank: the length of the longest runtime path from a task to the end of the job, the task
 * included. Running high-rank tasks first shortens the critical path.
 */
public final class UpwardRank {

    private UpwardRank() {
    }

    /** @param defaultRuntimeMs runtime assumed for tasks without {@code runtimeEstimateMs} */
    public static double[] compute(TaskGraph g, long defaultRuntimeMs) {
        int[] order = g.topologicalOrder();
        double[] rank = new double[g.size()];
        for (int k = order.length - 1; k >= 0; k--) {
            int task = order[k];
            double longestAfter = 0;
            for (int successor : g.successorsView(task)) {
                longestAfter = Math.max(longestAfter, rank[successor]);
            }
            Long estimate = g.task(task).runtimeEstimateMs();
            rank[task] = (estimate != null ? estimate : defaultRuntimeMs) + longestAfter;
        }
        return rank;
    }
}
