package io.dagline.core.graph;

/** An assignment of a {@link WeightedGraph}'s nodes to partitions, with each partition's weight and node count. */
final class PartitionState {

    final WeightedGraph graph;
    final int[] partitionOf;
    final long[] weights;
    final int[] nodeCounts;

    PartitionState(WeightedGraph graph, int partitionCount, int[] partitionOf) {
        this.graph = graph;
        this.partitionOf = partitionOf;
        this.weights = new long[partitionCount];
        this.nodeCounts = new int[partitionCount];
        for (int node = 0; node < partitionOf.length; node++) {
            weights[partitionOf[node]] += graph.nodeWeights[node];
            nodeCounts[partitionOf[node]]++;
        }
    }

    int partitionCount() {
        return weights.length;
    }

    void move(int node, int to) {
        int from = partitionOf[node];
        int weight = graph.nodeWeights[node];
        weights[from] -= weight;
        nodeCounts[from]--;
        weights[to] += weight;
        nodeCounts[to]++;
        partitionOf[node] = to;
    }

    boolean fits(int node, int partition, long maxPartitionWeight) {
        return weights[partition] + graph.nodeWeights[node] <= maxPartitionWeight;
    }

    long heaviest() {
        long heaviest = 0;
        for (long weight : weights) {
            heaviest = Math.max(heaviest, weight);
        }
        return heaviest;
    }

    int lightest() {
        int lightest = 0;
        for (int p = 1; p < weights.length; p++) {
            if (weights[p] < weights[lightest]) {
                lightest = p;
            }
        }
        return lightest;
    }

    /** The total weight of edges between partitions. */
    long cutWeight() {
        long twice = 0;
        for (int node = 0; node < partitionOf.length; node++) {
            for (int e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) {
                if (partitionOf[graph.neighbours[e]] != partitionOf[node]) {
                    twice += graph.edgeWeights[e];
                }
            }
        }
        return twice / 2;
    }
}
