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

    /**
     * The most tasks one partition may receive: {@code ceil(n / k) × (1 + slack)}, rounded down, but never
     * less than {@code ceil(n / k)}, so that the tasks always fit.
     */
    public static int capacity(int taskCount, int partitionCount, double slack) {
        int evenShare = (int) (((long) taskCount + partitionCount - 1) / partitionCount);
        return Math.max(evenShare, (int) Math.floor(evenShare * (1 + slack)));
    }

    /** The slack every partitioner accepts: how far above an even share a partition may grow. */
    static double requireSlack(double slack) {
        if (!(slack >= 0) || Double.isInfinite(slack)) {
            throw new IllegalArgumentException("slack must be a non-negative number: " + slack);
        }
        return slack;
    }

    static void requirePartitionCount(int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be positive: " + partitionCount);
        }
    }
}
