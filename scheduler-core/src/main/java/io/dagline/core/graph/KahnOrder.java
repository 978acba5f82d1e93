package io.dagline.core.graph;

import java.util.PriorityQueue;

/** Kahn's topological sort over dense int indices, ties broken by lowest index so the order is deterministic. */
public final class KahnOrder {

    private KahnOrder() {}

    /**
     * @param dependencyCounts how many predecessors each node has (not modified)
     * @param successors each node's successors
     * @return every node in dependency order, or {@code null} if the graph has a cycle
     */
    public static int[] of(int[] dependencyCounts, int[][] successors) {
        int n = dependencyCounts.length;
        int[] remaining = dependencyCounts.clone();
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (remaining[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int placed = 0;
        while (!ready.isEmpty()) {
            int node = ready.poll();
            order[placed++] = node;
            for (int successor : successors[node]) {
                if (--remaining[successor] == 0) {
                    ready.add(successor);
                }
            }
        }
        return placed == n ? order : null;
    }
}
