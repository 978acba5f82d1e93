package io.dagline.core.graph;

import java.util.Arrays;

/**
 * An undirected graph with node and edge weights in compressed sparse row form: the working graph of
 * {@link MultilevelPartitioner}. At the finest level every weight is 1; a coarser level's node weighs as many
 * tasks as it stands for, and its edge weighs as many task edges as it stands for.
 *
 * <p>The neighbours of node {@code v} are {@code neighbours[offsets[v] .. offsets[v + 1])}, each with the
 * weight at the same position of {@code edgeWeights}.
 */
final class WeightedGraph {

    final int[] offsets;
    final int[] neighbours;
    final int[] edgeWeights;
    final int[] nodeWeights;

    WeightedGraph(int[] offsets, int[] neighbours, int[] edgeWeights, int[] nodeWeights) {
        this.offsets = offsets;
        this.neighbours = neighbours;
        this.edgeWeights = edgeWeights;
        this.nodeWeights = nodeWeights;
    }

    /** The task graph without edge directions: a partition's cost is the same for either direction. */
    static WeightedGraph of(TaskGraph graph) {
        int n = graph.size();
        int[] offsets = new int[n + 1];
        for (int task = 0; task < n; task++) {
            offsets[task + 1] = offsets[task] + graph.successorsView(task).length
                    + graph.predecessorsView(task).length;
        }
        int[] neighbours = new int[offsets[n]];
        for (int task = 0; task < n; task++) {
            int[] successors = graph.successorsView(task);
            int[] predecessors = graph.predecessorsView(task);
            System.arraycopy(successors, 0, neighbours, offsets[task], successors.length);
            System.arraycopy(predecessors, 0, neighbours, offsets[task] + successors.length, predecessors.length);
        }
        int[] edgeWeights = new int[neighbours.length];
        Arrays.fill(edgeWeights, 1);
        int[] nodeWeights = new int[n];
        Arrays.fill(nodeWeights, 1);
        return new WeightedGraph(offsets, neighbours, edgeWeights, nodeWeights);
    }

    int size() {
        return nodeWeights.length;
    }

    int degree(int node) {
        return offsets[node + 1] - offsets[node];
    }

    long totalNodeWeight() {
        long total = 0;
        for (int weight : nodeWeights) {
            total += weight;
        }
        return total;
    }
}
