package io.dagline.core.graph;

/** Splits a task graph into partitions, each of which one scheduler instance owns. */
public interface GraphPartitioner {

    /**
     * @return {@code result[i]} = the partition of task {@code i}, in {@code [0, partitionCount)}. Every
     *     partition gets at least one task when {@code partitionCount <= graph.size()}. Same input, same output.
     */
    int[] partition(TaskGraph graph, int partitionCount);

    /** The partitioner to use unless there is a reason not to: {@link MultilevelPartitioner} with 5% slack. */
    static GraphPartitioner recommended() {
        return new MultilevelPartitioner();
    }
}
