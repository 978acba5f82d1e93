package io.dagline.core.graph;

/**
 * How good a partition assignment is.
 *
 * @param edgeCutRatio edges whose ends lie in different partitions / all edges; 0 when there are no edges.
 *     Each cut edge costs a cross-partition message at run time.
 * @param imbalance largest partition size / (tasks / partitions); 1.0 is perfect, 0 for an empty graph
 */
public record PartitionQuality(double edgeCutRatio, double imbalance) {

    public static PartitionQuality of(TaskGraph g, int[] assignment, int partitionCount) {
        int n = g.size();
        if (n == 0) {
            return new PartitionQuality(0, 0);
        }
        int cutEdges = 0;
        int[] sizes = new int[partitionCount];
        for (int task = 0; task < n; task++) {
            sizes[assignment[task]]++;
            for (int successor : g.successorsView(task)) {
                if (assignment[successor] != assignment[task]) {
                    cutEdges++;
                }
            }
        }
        int largest = 0;
        for (int size : sizes) {
            largest = Math.max(largest, size);
        }
        double edgeCutRatio = g.edgeCount() == 0 ? 0 : (double) cutEdges / g.edgeCount();
        return new PartitionQuality(edgeCutRatio, largest / ((double) n / partitionCount));
    }
}
