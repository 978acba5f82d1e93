package io.dagline.core.graph;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Linear Deterministic Greedy streaming partitioning (Stanton &amp; Kliot, KDD 2012).
 *
 * <p>Tasks arrive in breadth-first order over the undirected graph, one weakly-connected component after
 * another, so that a task usually arrives after some of its neighbours. Each task goes to the partition
 * maximising {@code placedNeighbours × (1 − size / capacity)}; ties go to the least loaded, then the lowest
 * index. A task with no placed neighbour goes to the least loaded partition.
 *
 * <p>Balance is a hard guarantee, not a tendency: a full partition is never chosen, and once the tasks left
 * are only just enough to give each empty partition one, they go to empty partitions.
 */
public final class GreedyStreamingPartitioner implements GraphPartitioner {

    public static final double DEFAULT_SLACK = 0.05;

    private final double slack;

    public GreedyStreamingPartitioner() {
        this(DEFAULT_SLACK);
    }

    /** @param slack how far above a perfectly even share a partition may grow, e.g. 0.05 for 5% */
    public GreedyStreamingPartitioner(double slack) {
        this.slack = PartitionSizing.requireSlack(slack);
    }

    /** The most tasks one partition may receive: {@code ceil(n / k) × (1 + slack)}, rounded down. */
    public int capacity(int taskCount, int partitionCount) {
        return PartitionSizing.capacity(taskCount, partitionCount, slack);
    }

    @Override
    public int[] partition(TaskGraph graph, int partitionCount) {
        PartitionSizing.requirePartitionCount(partitionCount);
        int n = graph.size();
        Placement placement = new Placement(n, partitionCount, capacity(n, partitionCount));
        int[] neighboursIn = new int[partitionCount];
        for (int task : breadthFirstOrder(graph)) {
            placement.assign(task, choosePartition(graph, task, placement, neighboursIn));
        }
        return placement.assignment;
    }

    private static int choosePartition(TaskGraph graph, int task, Placement placement, int[] neighboursIn) {
        if (placement.remainingTasks() <= placement.emptyPartitions()) {
            return placement.leastLoaded();
        }
        int[] successors = graph.successorsView(task);
        int[] predecessors = graph.predecessorsView(task);
        countPlacedNeighbours(successors, placement, neighboursIn, +1);
        countPlacedNeighbours(predecessors, placement, neighboursIn, +1);
        int best = -1;
        long bestScore = 0;
        for (int[] neighbours : new int[][] {successors, predecessors}) {
            for (int neighbour : neighbours) {
                int candidate = placement.assignment[neighbour];
                if (candidate == Placement.UNASSIGNED) {
                    continue;
                }
                long score = placement.scaledScore(candidate, neighboursIn[candidate]);
                if (score > bestScore || (score == bestScore && score > 0 && placement.before(candidate, best))) {
                    best = candidate;
                    bestScore = score;
                }
            }
        }
        countPlacedNeighbours(successors, placement, neighboursIn, -1);
        countPlacedNeighbours(predecessors, placement, neighboursIn, -1);
        return best >= 0 ? best : placement.leastLoaded();
    }

    private static void countPlacedNeighbours(int[] neighbours, Placement placement, int[] neighboursIn, int delta) {
        for (int neighbour : neighbours) {
            int partition = placement.assignment[neighbour];
            if (partition != Placement.UNASSIGNED) {
                neighboursIn[partition] += delta;
            }
        }
    }

    /** Breadth-first over the undirected graph, roots and neighbours in index order. */
    static int[] breadthFirstOrder(TaskGraph graph) {
        int n = graph.size();
        int[] order = new int[n];
        boolean[] seen = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int next = 0;
        for (int root = 0; root < n; root++) {
            if (seen[root]) {
                continue;
            }
            seen[root] = true;
            queue.add(root);
            while (!queue.isEmpty()) {
                int task = queue.poll();
                order[next++] = task;
                for (int neighbour : sortedNeighbours(graph, task)) {
                    if (!seen[neighbour]) {
                        seen[neighbour] = true;
                        queue.add(neighbour);
                    }
                }
            }
        }
        return order;
    }

    private static int[] sortedNeighbours(TaskGraph graph, int task) {
        int[] successors = graph.successorsView(task);
        int[] predecessors = graph.predecessorsView(task);
        int[] neighbours = Arrays.copyOf(successors, successors.length + predecessors.length);
        System.arraycopy(predecessors, 0, neighbours, successors.length, predecessors.length);
        Arrays.sort(neighbours);
        return neighbours;
    }

    /** Partition sizes and the assignment so far. */
    private static final class Placement {

        static final int UNASSIGNED = -1;

        final int[] assignment;
        private final int[] sizes;
        private final int capacity;
        /** Partitions ordered by (size, index): first() is the least loaded, lowest index among equals. */
        private final TreeSet<Long> byLoad = new TreeSet<>();
        private int unassigned;
        private int empty;

        Placement(int taskCount, int partitionCount, int capacity) {
            this.assignment = new int[taskCount];
            Arrays.fill(assignment, UNASSIGNED);
            this.sizes = new int[partitionCount];
            this.capacity = capacity;
            this.unassigned = taskCount;
            this.empty = partitionCount;
            for (int p = 0; p < partitionCount; p++) {
                byLoad.add(loadKey(p));
            }
        }

        void assign(int task, int partition) {
            assignment[task] = partition;
            byLoad.remove(loadKey(partition));
            if (sizes[partition]++ == 0) {
                empty--;
            }
            byLoad.add(loadKey(partition));
            unassigned--;
        }

        int remainingTasks() {
            return unassigned;
        }

        int emptyPartitions() {
            return empty;
        }

        /** Never full: capacity × partitions ≥ tasks. */
        int leastLoaded() {
            return (int) (byLoad.first() & 0xffff_ffffL);
        }

        /** LDG's score times capacity, kept integral so that ties are exact; 0 for a full partition. */
        long scaledScore(int partition, int placedNeighbours) {
            return (long) placedNeighbours * Math.max(0, capacity - sizes[partition]);
        }

        /** Whether {@code a} wins a tie against {@code b}: less loaded, then lower index. */
        boolean before(int a, int b) {
            return sizes[a] < sizes[b] || (sizes[a] == sizes[b] && a < b);
        }

        private long loadKey(int partition) {
            return ((long) sizes[partition] << 32) | partition;
        }
    }
}
