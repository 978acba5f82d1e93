package io.dagline.core.graph;

/** How many partitions a job gets. */
public final class PartitionSizing {

    private PartitionSizing() {
    }

    /** {@code max(1, min(maxPartitions, ceil(taskCount / targetTasksPerPartition)))}. */
    public static int partitionCount(int taskCount, int targetTasksPerPartition, int maxPartitions) {
        if (targetTasksPerPartition < 1) {
            throw new IllegalArgumentException("targetTasksPerPartition must be positive: " + targetTasksPerPartition);
        }
        int wanted = (int) ((Math.max(0L, taskCount) + targetTasksPerPartition - 1) / targetTasksPerPartition);
        return Math.max(1, Math.min(maxPartitions, wanted));
    }
}
