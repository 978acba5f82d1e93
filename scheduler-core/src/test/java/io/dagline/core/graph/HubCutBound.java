package io.dagline.core.graph;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A lower bound on the number of cut edges of any partition whose parts hold at most {@code capacity} tasks.
 *
 * <p>A hub with {@code d} edges shares a partition with at most {@code capacity - 1} of its neighbours, so at
 * least {@code d - (capacity - 1)} of its edges are cut. For hubs of which no two are adjacent, these edges
 * are distinct and the counts add up. Hubs are picked greedily by degree. The bound is far from tight on
 * graphs without hubs (it is 0 there), and close to tight on all-to-all stages such as bwa's and blast's.
 */
final class HubCutBound {

    private HubCutBound() {
    }

    static long of(TaskGraph graph, int capacity) {
        int n = graph.size();
        boolean[] blocked = new boolean[n];
        long bound = 0;
        Integer[] byDegree = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(byDegree, Comparator.comparingInt((Integer task) -> -degree(graph, task))
                .thenComparingInt(task -> task));
        for (int hub : byDegree) {
            int surplus = degree(graph, hub) - (capacity - 1);
            if (surplus <= 0) {
                break;
            }
            if (blocked[hub]) {
                continue;
            }
            bound += surplus;
            for (int neighbour : graph.successorsView(hub)) {
                blocked[neighbour] = true;
            }
            for (int neighbour : graph.predecessorsView(hub)) {
                blocked[neighbour] = true;
            }
        }
        return bound;
    }

    private static int degree(TaskGraph graph, int task) {
        return graph.successorsView(task).length + graph.predecessorsView(task).length;
    }
}
