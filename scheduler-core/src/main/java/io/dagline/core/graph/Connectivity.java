package io.dagline.core.graph;

/**
 * How strongly one node is tied to each partition: the weight of its edges into it. Reused from node to node,
 * so that scanning a node costs its degree, not the number of partitions.
 */
final class Connectivity {

    private final int[] weightTo;
    private final int[] touched;
    private int touchedCount;
    private int internal;

    Connectivity(int partitionCount) {
        this.weightTo = new int[partitionCount];
        this.touched = new int[partitionCount];
    }

    /** Scans {@code node}'s edges; afterwards the other partitions it touches are {@code touched(0..count)}. */
    void scan(PartitionState state, int node) {
        for (int i = 0; i < touchedCount; i++) {
            weightTo[touched[i]] = 0;
        }
        touchedCount = 0;
        internal = 0;
        WeightedGraph graph = state.graph;
        int own = state.partitionOf[node];
        for (int e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) {
            int partition = state.partitionOf[graph.neighbours[e]];
            if (partition == own) {
                internal += graph.edgeWeights[e];
            } else {
                if (weightTo[partition] == 0) {
                    touched[touchedCount++] = partition;
                }
                weightTo[partition] += graph.edgeWeights[e];
            }
        }
    }

    int otherPartitionCount() {
        return touchedCount;
    }

    int otherPartition(int i) {
        return touched[i];
    }

    /** How much the cut shrinks if the scanned node moves to {@code partition} (negative: it grows). */
    int gain(int partition) {
        return weightTo[partition] - internal;
    }

    int internal() {
        return internal;
    }
}
