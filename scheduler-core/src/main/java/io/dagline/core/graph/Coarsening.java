package io.dagline.core.graph;

import java.util.Arrays;

/**
 * One coarsening step of the multilevel scheme: pair up nodes, then contract each pair into one node.
 *
 * <p>Pairs come from heavy-edge matching: a node takes the unmatched neighbour it shares the heaviest edge
 * with, so the heaviest edges disappear inside coarse nodes where no later cut can cross them. Nodes are
 * visited in ascending degree, as in METIS's sorted heavy-edge matching: low-degree nodes (chain links,
 * leaves) have the fewest choices, so they choose first.
 *
 * <p>Workflows fan out: a hub with a thousand leaves matches only one of them, and heavy-edge matching alone
 * would stall. Leaves still unmatched are therefore paired with each other when they hang on the same
 * neighbour (METIS's two-hop matching), which keeps coarsening going on star-shaped stages.
 */
final class Coarsening {

    private static final int UNMATCHED = -1;

    /** @param coarseOf for each node of the finer graph, the node of {@code coarse} that contains it */
    record Level(WeightedGraph coarse, int[] coarseOf) {
    }

    private Coarsening() {
    }

    /** @param maxNodeWeight no coarse node may weigh more, so that a balanced partition stays reachable */
    static Level coarsen(WeightedGraph graph, int maxNodeWeight) {
        return contract(graph, match(graph, maxNodeWeight));
    }

    /** @return the partner of each node; a node left alone is its own partner */
    static int[] match(WeightedGraph graph, int maxNodeWeight) {
        int n = graph.size();
        int[] partner = new int[n];
        Arrays.fill(partner, UNMATCHED);
        int[] order = byAscendingDegree(graph);
        for (int node : order) {
            if (partner[node] == UNMATCHED) {
                int mate = heaviestUnmatchedNeighbour(graph, node, partner, maxNodeWeight);
                if (mate != UNMATCHED) {
                    partner[node] = mate;
                    partner[mate] = node;
                }
            }
        }
        pairNodesSharingANeighbour(graph, order, partner, maxNodeWeight);
        for (int node = 0; node < n; node++) {
            if (partner[node] == UNMATCHED) {
                partner[node] = node;
            }
        }
        return partner;
    }

    /** Ties go to the lighter neighbour, keeping coarse nodes even, then to the lower index. */
    private static int heaviestUnmatchedNeighbour(WeightedGraph graph, int node, int[] partner, int maxNodeWeight) {
        int[] weights = graph.nodeWeights;
        int best = UNMATCHED;
        int bestEdge = 0;
        for (int e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) {
            int neighbour = graph.neighbours[e];
            if (neighbour == node || partner[neighbour] != UNMATCHED
                    || weights[node] + weights[neighbour] > maxNodeWeight) {
                continue;
            }
            int edge = graph.edgeWeights[e];
            if (best == UNMATCHED || edge > bestEdge
                    || (edge == bestEdge && (weights[neighbour] < weights[best]
                            || (weights[neighbour] == weights[best] && neighbour < best)))) {
                best = neighbour;
                bestEdge = edge;
            }
        }
        return best;
    }

    /**
     * Pairs unmatched nodes whose heaviest edge leads to the same neighbour (their "anchor"); isolated nodes
     * share one virtual anchor, so independent tasks coarsen too.
     */
    private static void pairNodesSharingANeighbour(WeightedGraph graph, int[] order, int[] partner,
            int maxNodeWeight) {
        int n = graph.size();
        int[] waitingAt = new int[n + 1];
        Arrays.fill(waitingAt, UNMATCHED);
        for (int node : order) {
            if (partner[node] != UNMATCHED) {
                continue;
            }
            int anchor = anchorOf(graph, node, n);
            int waiting = waitingAt[anchor];
            if (waiting != UNMATCHED && graph.nodeWeights[waiting] + graph.nodeWeights[node] <= maxNodeWeight) {
                partner[node] = waiting;
                partner[waiting] = node;
                waitingAt[anchor] = UNMATCHED;
            } else {
                waitingAt[anchor] = node;
            }
        }
    }

    private static int anchorOf(WeightedGraph graph, int node, int isolatedAnchor) {
        int anchor = isolatedAnchor;
        int heaviest = 0;
        for (int e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) {
            int neighbour = graph.neighbours[e];
            int edge = graph.edgeWeights[e];
            if (edge > heaviest || (edge == heaviest && neighbour < anchor)) {
                anchor = neighbour;
                heaviest = edge;
            }
        }
        return anchor;
    }

    /** Counting sort: ascending degree, ascending index among equals. */
    private static int[] byAscendingDegree(WeightedGraph graph) {
        int n = graph.size();
        int maxDegree = 0;
        for (int node = 0; node < n; node++) {
            maxDegree = Math.max(maxDegree, graph.degree(node));
        }
        int[] start = new int[maxDegree + 2];
        for (int node = 0; node < n; node++) {
            start[graph.degree(node) + 1]++;
        }
        for (int d = 0; d <= maxDegree; d++) {
            start[d + 1] += start[d];
        }
        int[] order = new int[n];
        for (int node = 0; node < n; node++) {
            order[start[graph.degree(node)]++] = node;
        }
        return order;
    }

    /** Coarse nodes are numbered in the order of their lowest fine node; parallel edges are merged. */
    static Level contract(WeightedGraph graph, int[] partner) {
        int n = graph.size();
        int[] coarseOf = new int[n];
        Arrays.fill(coarseOf, UNMATCHED);
        int coarseCount = 0;
        for (int node = 0; node < n; node++) {
            if (coarseOf[node] == UNMATCHED) {
                coarseOf[node] = coarseCount;
                coarseOf[partner[node]] = coarseCount;
                coarseCount++;
            }
        }
        AdjacencyBuilder coarse = new AdjacencyBuilder(coarseCount, graph.neighbours.length);
        for (int node = 0; node < n; node++) {
            int c = coarseOf[node];
            if (partner[node] < node) {
                continue;
            }
            coarse.addNodeWeight(c, graph.nodeWeights[node]);
            coarse.addEdgesOf(graph, node, coarseOf);
            if (partner[node] != node) {
                coarse.addNodeWeight(c, graph.nodeWeights[partner[node]]);
                coarse.addEdgesOf(graph, partner[node], coarseOf);
            }
            coarse.endNode(c);
        }
        return new Level(coarse.build(), coarseOf);
    }

    /** Builds the coarse graph node by node, in order, merging edges to the same coarse neighbour. */
    private static final class AdjacencyBuilder {

        private final int[] offsets;
        private final int[] neighbours;
        private final int[] edgeWeights;
        private final int[] nodeWeights;
        private final int[] positionOf;
        private int next;

        AdjacencyBuilder(int nodes, int maxEdges) {
            this.offsets = new int[nodes + 1];
            this.neighbours = new int[maxEdges];
            this.edgeWeights = new int[maxEdges];
            this.nodeWeights = new int[nodes];
            this.positionOf = new int[nodes];
            Arrays.fill(positionOf, UNMATCHED);
        }

        void addNodeWeight(int coarseNode, int weight) {
            nodeWeights[coarseNode] += weight;
        }

        void addEdgesOf(WeightedGraph fine, int fineNode, int[] coarseOf) {
            int self = coarseOf[fineNode];
            for (int e = fine.offsets[fineNode]; e < fine.offsets[fineNode + 1]; e++) {
                int target = coarseOf[fine.neighbours[e]];
                if (target == self) {
                    continue;
                }
                if (positionOf[target] == UNMATCHED) {
                    positionOf[target] = next;
                    neighbours[next] = target;
                    edgeWeights[next] = 0;
                    next++;
                }
                edgeWeights[positionOf[target]] += fine.edgeWeights[e];
            }
        }

        void endNode(int coarseNode) {
            for (int e = offsets[coarseNode]; e < next; e++) {
                positionOf[neighbours[e]] = UNMATCHED;
            }
            offsets[coarseNode + 1] = next;
        }

        WeightedGraph build() {
            return new WeightedGraph(offsets, Arrays.copyOf(neighbours, next), Arrays.copyOf(edgeWeights, next),
                    nodeWeights);
        }
    }
}
