package io.dagline.core.graph;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Partitions the coarsest graph by greedy region growing, several times from different seeds, keeping the
 * result with the smallest cut after refinement. The coarsest graph has a few dozen nodes per partition,
 * so the trials cost little.
 *
 * <p>Regions grow one after another, each up to its share of the remaining weight. A region next takes the
 * frontier node most tied to it; among equally tied nodes, the one that joined the frontier last. That makes
 * growth depth-first along chains: a region that reaches a fan-out follows one branch to its end before it
 * starts the next, so branched workflows are split along their branches rather than across them.
 */
final class InitialPartitioning {

    static final int TRIALS = 8;

    private static final int UNASSIGNED = -1;

    private InitialPartitioning() {
    }

    static int[] partition(WeightedGraph graph, int partitionCount, long maxPartitionWeight) {
        int[] best = null;
        long bestScore = Long.MAX_VALUE;
        for (int seed : seeds(graph)) {
            PartitionState state = new PartitionState(graph, partitionCount,
                    growRegions(graph, partitionCount, seed));
            Refinement.rebalance(state, maxPartitionWeight);
            Refinement.refine(state, maxPartitionWeight);
            boolean balanced = state.heaviest() <= maxPartitionWeight;
            long score = (balanced ? 0 : Long.MAX_VALUE / 2) + state.cutWeight();
            if (score < bestScore) {
                best = state.partitionOf;
                bestScore = score;
            }
        }
        return best;
    }

    /** A pseudo-peripheral node, the best-connected node, and nodes spread over the index range. */
    private static Set<Integer> seeds(WeightedGraph graph) {
        int n = graph.size();
        Set<Integer> seeds = new LinkedHashSet<>();
        seeds.add(farthestFrom(graph, farthestFrom(graph, 0)));
        int hub = 0;
        for (int node = 1; node < n; node++) {
            if (graph.degree(node) > graph.degree(hub)) {
                hub = node;
            }
        }
        seeds.add(hub);
        for (int i = 0; seeds.size() < TRIALS && i < TRIALS; i++) {
            seeds.add((int) ((long) n * i / TRIALS));
        }
        return seeds;
    }

    /** The last node a breadth-first search from {@code root} reaches: one of the farthest in its component. */
    private static int farthestFrom(WeightedGraph graph, int root) {
        int[] queue = new int[graph.size()];
        boolean[] seen = new boolean[graph.size()];
        int head = 0;
        int tail = 0;
        queue[tail++] = root;
        seen[root] = true;
        while (head < tail) {
            int node = queue[head++];
            for (int e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) {
                int neighbour = graph.neighbours[e];
                if (!seen[neighbour]) {
                    seen[neighbour] = true;
                    queue[tail++] = neighbour;
                }
            }
        }
        return queue[tail - 1];
    }

    /** Breadth-first from {@code root}, then from each node not yet reached, in index order. */
    static int[] breadthFirstOrder(WeightedGraph graph, int root) {
        int n = graph.size();
        int[] order = new int[n];
        boolean[] seen = new boolean[n];
        int tail = 0;
        for (int start = -1; start < n; start++) {
            int from = start < 0 ? root : start;
            if (seen[from]) {
                continue;
            }
            seen[from] = true;
            int head = tail;
            order[tail++] = from;
            while (head < tail) {
                int node = order[head++];
                for (int e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) {
                    int neighbour = graph.neighbours[e];
                    if (!seen[neighbour]) {
                        seen[neighbour] = true;
                        order[tail++] = neighbour;
                    }
                }
            }
        }
        return order;
    }

    static int[] growRegions(WeightedGraph graph, int partitionCount, int seed) {
        int n = graph.size();
        int[] partitionOf = new int[n];
        Arrays.fill(partitionOf, UNASSIGNED);
        int[] seedOrder = breadthFirstOrder(graph, seed);
        int nextSeed = 0;
        long remaining = graph.totalNodeWeight();
        Frontier frontier = new Frontier(n);
        for (int region = 0; region < partitionCount; region++) {
            double share = (double) remaining / (partitionCount - region);
            boolean last = region == partitionCount - 1;
            long weight = 0;
            frontier.clear();
            while (last || weight < share) {
                int node = frontier.pollUnassigned(partitionOf);
                if (node < 0) {
                    while (nextSeed < n && partitionOf[seedOrder[nextSeed]] != UNASSIGNED) {
                        nextSeed++;
                    }
                    if (nextSeed == n) {
                        break;
                    }
                    node = seedOrder[nextSeed];
                }
                partitionOf[node] = region;
                weight += graph.nodeWeights[node];
                for (int e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) {
                    int neighbour = graph.neighbours[e];
                    if (partitionOf[neighbour] == UNASSIGNED) {
                        frontier.strengthen(neighbour, graph.edgeWeights[e]);
                    }
                }
            }
            remaining -= weight;
        }
        return partitionOf;
    }

    /**
     * The unassigned neighbours of the growing region, by (tie to the region, arrival) descending. A node
     * whose tie grew is queued again; its older entry is skipped when it comes up.
     */
    private static final class Frontier {

        private record Candidate(int node, int tie, int arrival) {
        }

        private static final Comparator<Candidate> STRONGEST_THEN_NEWEST = Comparator
                .comparingInt(Candidate::tie).thenComparingInt(Candidate::arrival).reversed();

        private final int[] tie;
        private final PriorityQueue<Candidate> queue = new PriorityQueue<>(STRONGEST_THEN_NEWEST);
        private int arrivals;

        Frontier(int nodes) {
            this.tie = new int[nodes];
        }

        void clear() {
            for (Candidate candidate : queue) {
                tie[candidate.node()] = 0;
            }
            queue.clear();
        }

        void strengthen(int node, int edgeWeight) {
            tie[node] += edgeWeight;
            queue.add(new Candidate(node, tie[node], arrivals++));
        }

        /** The strongest, newest frontier node still unassigned, or -1 when there is none. */
        int pollUnassigned(int[] partitionOf) {
            while (!queue.isEmpty()) {
                Candidate candidate = queue.poll();
                if (partitionOf[candidate.node()] == UNASSIGNED && tie[candidate.node()] == candidate.tie()) {
                    return candidate.node();
                }
            }
            return -1;
        }
    }
}
