package io.dagline.core.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.IntStream;

/**
 * Multilevel k-way partitioning in the manner of METIS (Karypis &amp; Kumar, 1998), deterministic.
 *
 * <ol>
 *   <li>Coarsen: contract heavy-edge matchings (see {@link Coarsening}) until about
 *       {@value #COARSEST_NODES_PER_PARTITION} nodes per partition remain, or until contraction stalls.
 *   <li>Partition the coarsest graph by greedy region growing from several seeds (see
 *       {@link InitialPartitioning}).
 *   <li>Uncoarsen: project the partition level by level back to the tasks, rebalancing and refining at each
 *       level (see {@link Refinement}).
 * </ol>
 *
 * <p>Unlike a streaming partitioner, which must place a task knowing only the tasks before it, this one sees
 * the whole graph: chains collapse into single coarse nodes before anything is cut, so fan-outs split along
 * their branches and ladders split between rungs.
 *
 * <p>The balance bound is a guarantee: no partition gets more than
 * {@link PartitionSizing#capacity(int, int, double)} tasks, and every partition gets a task when there are at
 * least as many tasks as partitions. Same graph, same partition: every choice breaks ties by index.
 */
public final class MultilevelPartitioner implements GraphPartitioner {

    public static final double DEFAULT_SLACK = 0.05;

    /** Enough coarse nodes for region growing to have choices, few enough to make the trials cheap. */
    static final int COARSEST_NODES_PER_PARTITION = 20;

    /** A coarse node may weigh this much more than the coarsest graph's average node. */
    private static final double MAX_NODE_WEIGHT_FACTOR = 1.5;

    /** Contraction that removes fewer nodes than this fraction has stalled (e.g. a star); stop there. */
    private static final double MIN_SHRINK = 0.05;

    private final double slack;

    public MultilevelPartitioner() {
        this(DEFAULT_SLACK);
    }

    /** @param slack how far above a perfectly even share a partition may grow, e.g. 0.05 for 5% */
    public MultilevelPartitioner(double slack) {
        this.slack = PartitionSizing.requireSlack(slack);
    }

    /** The most tasks one partition may receive. */
    public int capacity(int taskCount, int partitionCount) {
        return PartitionSizing.capacity(taskCount, partitionCount, slack);
    }

    @Override
    public int[] partition(TaskGraph graph, int partitionCount) {
        PartitionSizing.requirePartitionCount(partitionCount);
        int n = graph.size();
        if (n <= partitionCount) {
            return IntStream.range(0, n).toArray();
        }
        int capacity = capacity(n, partitionCount);
        WeightedGraph tasks = WeightedGraph.of(graph);
        Deque<Coarsening.Level> levels = coarsen(tasks, partitionCount);
        WeightedGraph coarsest = levels.isEmpty() ? tasks : levels.peek().coarse();
        int[] partitionOf = InitialPartitioning.partition(coarsest, partitionCount, capacity);
        PartitionState state = null;
        while (!levels.isEmpty()) {
            Coarsening.Level level = levels.pop();
            WeightedGraph finer = levels.isEmpty() ? tasks : levels.peek().coarse();
            state = new PartitionState(finer, partitionCount, project(partitionOf, level.coarseOf()));
            Refinement.rebalance(state, capacity);
            Refinement.refine(state, capacity);
            partitionOf = state.partitionOf;
        }
        if (state == null) {
            state = new PartitionState(tasks, partitionCount, partitionOf);
        }
        Refinement.fillEmptyPartitions(state);
        requireWithinCapacity(state, capacity);
        return state.partitionOf;
    }

    /** @return the levels, coarsest on top */
    private static Deque<Coarsening.Level> coarsen(WeightedGraph tasks, int partitionCount) {
        int coarsestSize = COARSEST_NODES_PER_PARTITION * partitionCount;
        int maxNodeWeight = (int) Math.max(1,
                Math.ceil(MAX_NODE_WEIGHT_FACTOR * tasks.size() / coarsestSize));
        Deque<Coarsening.Level> levels = new ArrayDeque<>();
        WeightedGraph current = tasks;
        while (current.size() > coarsestSize) {
            Coarsening.Level level = Coarsening.coarsen(current, maxNodeWeight);
            if (level.coarse().size() > (1 - MIN_SHRINK) * current.size()) {
                break;
            }
            levels.push(level);
            current = level.coarse();
        }
        return levels;
    }

    private static int[] project(int[] coarsePartitionOf, int[] coarseOf) {
        int[] partitionOf = new int[coarseOf.length];
        for (int node = 0; node < coarseOf.length; node++) {
            partitionOf[node] = coarsePartitionOf[coarseOf[node]];
        }
        return partitionOf;
    }

    /** Rebalancing with unit weights cannot fail; if it ever did, a wrong partition must not reach the runtime. */
    private static void requireWithinCapacity(PartitionState state, int capacity) {
        if (state.heaviest() > capacity) {
            throw new IllegalStateException("partition of " + state.heaviest() + " tasks exceeds capacity "
                    + capacity + "; this is a bug in " + MultilevelPartitioner.class.getSimpleName());
        }
    }
}
