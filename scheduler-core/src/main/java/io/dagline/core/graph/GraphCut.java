package io.dagline.core.graph;

import java.util.Arrays;

/**
 * A partition assignment seen from the partitions: which tasks each owns, and which successor edges stay
 * inside a partition (local) or cross to another one (remote, needing a message).
 */
public final class GraphCut {

    private final TaskGraph graph;
    private final int[] assignment;
    private final int[][] tasksByPartition;

    private GraphCut(TaskGraph graph, int[] assignment, int[][] tasksByPartition) {
        this.graph = graph;
        this.assignment = assignment;
        this.tasksByPartition = tasksByPartition;
    }

    public static GraphCut of(TaskGraph g, int[] assignment, int partitionCount) {
        if (assignment.length != g.size()) {
            throw new IllegalArgumentException("assignment has " + assignment.length + " entries for "
                    + g.size() + " tasks");
        }
        int[] sizes = new int[partitionCount];
        for (int partition : assignment) {
            if (partition < 0 || partition >= partitionCount) {
                throw new IllegalArgumentException("partition " + partition + " outside [0, " + partitionCount + ")");
            }
            sizes[partition]++;
        }
        int[][] tasksByPartition = new int[partitionCount][];
        for (int p = 0; p < partitionCount; p++) {
            tasksByPartition[p] = new int[sizes[p]];
            sizes[p] = 0;
        }
        for (int task = 0; task < assignment.length; task++) {
            int partition = assignment[task];
            tasksByPartition[partition][sizes[partition]++] = task;
        }
        return new GraphCut(g, assignment.clone(), tasksByPartition);
    }

    public int partitionCount() {
        return tasksByPartition.length;
    }

    /** The tasks of one partition in ascending index order. */
    public int[] tasksOf(int partition) {
        return tasksByPartition[partition].clone();
    }

    public int partitionOf(int task) {
        return assignment[task];
    }

    /** Successors of {@code task} in its own partition, ascending. */
    public int[] localSuccessors(int task) {
        return Arrays.stream(graph.successorsView(task)).filter(s -> assignment[s] == assignment[task]).toArray();
    }

    /** Successors of {@code task} in other partitions, ascending. */
    public int[] remoteSuccessors(int task) {
        return Arrays.stream(graph.successorsView(task)).filter(s -> assignment[s] != assignment[task]).toArray();
    }

    /** The other partitions that must hear when {@code task} completes, ascending, without repeats. */
    public int[] remotePartitions(int task) {
        return Arrays.stream(remoteSuccessors(task)).map(s -> assignment[s]).distinct().sorted().toArray();
    }
}
