package io.dagline.core.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Improves a partition of one level in place, never letting a partition exceed the weight bound, and never
 * emptying a partition.
 *
 * <p>{@link #refine} is greedy k-way boundary refinement, as in METIS's k-way refinement: each boundary node
 * moves to the neighbouring partition it is most tied to when that shrinks the cut, or keeps the cut and
 * evens the weights. Every move strictly lowers (cut, sum of squared weights), so passes end.
 * {@link #rebalance} first moves the cheapest nodes out of partitions over the bound.
 */
final class Refinement {

    static final int MAX_PASSES = 8;

    private Refinement() {
    }

    static void refine(PartitionState state, long maxPartitionWeight) {
        Connectivity connectivity = new Connectivity(state.partitionCount());
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            if (refinementPass(state, connectivity, maxPartitionWeight) == 0) {
                return;
            }
        }
    }

    private static int refinementPass(PartitionState state, Connectivity connectivity, long maxPartitionWeight) {
        int moves = 0;
        for (int node = 0; node < state.partitionOf.length; node++) {
            int own = state.partitionOf[node];
            if (state.nodeCounts[own] == 1) {
                continue;
            }
            connectivity.scan(state, node);
            int target = bestFittingTarget(state, connectivity, node, maxPartitionWeight);
            if (target < 0) {
                continue;
            }
            int gain = connectivity.gain(target);
            boolean evensWeights = state.weights[target] + state.graph.nodeWeights[node] < state.weights[own];
            if (gain > 0 || (gain == 0 && evensWeights)) {
                state.move(node, target);
                moves++;
            }
        }
        return moves;
    }

    /** The touched partition with the highest gain that has room; ties to the lighter, then the lower index. */
    private static int bestFittingTarget(PartitionState state, Connectivity connectivity, int node,
            long maxPartitionWeight) {
        int best = -1;
        for (int i = 0; i < connectivity.otherPartitionCount(); i++) {
            int candidate = connectivity.otherPartition(i);
            if (!state.fits(node, candidate, maxPartitionWeight)) {
                continue;
            }
            if (best < 0 || isBetterTarget(state, connectivity, candidate, best)) {
                best = candidate;
            }
        }
        return best;
    }

    private static boolean isBetterTarget(PartitionState state, Connectivity connectivity, int a, int b) {
        int gainA = connectivity.gain(a);
        int gainB = connectivity.gain(b);
        if (gainA != gainB) {
            return gainA > gainB;
        }
        return state.weights[a] < state.weights[b] || (state.weights[a] == state.weights[b] && a < b);
    }

    /**
     * Moves nodes out of every partition heavier than the bound, cheapest first: to the touched partition
     * with room that costs least, else to the lightest partition. With unit weights this always succeeds,
     * because partitions × bound ≥ total weight leaves some partition with room.
     */
    static void rebalance(PartitionState state, long maxPartitionWeight) {
        Connectivity connectivity = new Connectivity(state.partitionCount());
        for (int partition = 0; partition < state.partitionCount(); partition++) {
            if (state.weights[partition] > maxPartitionWeight) {
                drain(state, connectivity, partition, maxPartitionWeight);
            }
        }
    }

    private record Departure(int node, int loss) {
    }

    private static void drain(PartitionState state, Connectivity connectivity, int partition,
            long maxPartitionWeight) {
        List<Departure> cheapestFirst = new ArrayList<>();
        for (int node = 0; node < state.partitionOf.length; node++) {
            if (state.partitionOf[node] == partition) {
                connectivity.scan(state, node);
                int target = bestFittingTarget(state, connectivity, node, maxPartitionWeight);
                int loss = target >= 0 ? -connectivity.gain(target) : connectivity.internal();
                cheapestFirst.add(new Departure(node, loss));
            }
        }
        cheapestFirst.sort(Comparator.comparingInt(Departure::loss).thenComparingInt(Departure::node));
        for (Departure departure : cheapestFirst) {
            if (state.weights[partition] <= maxPartitionWeight || state.nodeCounts[partition] == 1) {
                return;
            }
            int node = departure.node();
            connectivity.scan(state, node);
            int target = bestFittingTarget(state, connectivity, node, maxPartitionWeight);
            if (target < 0 && state.fits(node, state.lightest(), maxPartitionWeight)) {
                target = state.lightest();
            }
            if (target >= 0 && target != partition) {
                state.move(node, target);
            }
        }
    }

    /**
     * Gives every empty partition one node, taken from the partition with the most nodes: the node least tied
     * to it. Only at the finest level, where the caller promises as many tasks as partitions.
     */
    static void fillEmptyPartitions(PartitionState state) {
        Connectivity connectivity = new Connectivity(state.partitionCount());
        for (int empty = 0; empty < state.partitionCount(); empty++) {
            if (state.nodeCounts[empty] > 0) {
                continue;
            }
            int donor = 0;
            for (int p = 1; p < state.partitionCount(); p++) {
                if (state.nodeCounts[p] > state.nodeCounts[donor]) {
                    donor = p;
                }
            }
            int loosest = -1;
            int loosestInternal = Integer.MAX_VALUE;
            for (int node = 0; node < state.partitionOf.length; node++) {
                if (state.partitionOf[node] == donor) {
                    connectivity.scan(state, node);
                    if (connectivity.internal() < loosestInternal) {
                        loosest = node;
                        loosestInternal = connectivity.internal();
                    }
                }
            }
            state.move(loosest, empty);
        }
    }
}
