package io.dagline.core.validation;

/**
 * Finds one cycle in a directed graph by depth-first search.
 *
 * <p>The search keeps its own stack instead of recursing: a job may be a chain of 100,000 tasks, far deeper
 * than a thread stack allows.
 */
final class CycleFinder {

    private static final byte UNVISITED = 0;
    private static final byte ON_PATH = 1;
    private static final byte FINISHED = 2;

    private CycleFinder() {
    }

    /**
     * @param successors adjacency lists of nodes {@code 0..n-1}
     * @return the nodes of one cycle in edge order with the first node repeated at the end, or null when
     *     the graph is acyclic. Deterministic: roots and edges are tried in index order.
     */
    static int[] findCycle(int[][] successors) {
        int n = successors.length;
        byte[] state = new byte[n];
        int[] path = new int[n];
        int[] positionOnPath = new int[n];
        int[] nextEdge = new int[n];
        for (int root = 0; root < n; root++) {
            if (state[root] != UNVISITED) {
                continue;
            }
            int depth = 0;
            path[depth] = root;
            positionOnPath[root] = depth++;
            state[root] = ON_PATH;
            while (depth > 0) {
                int node = path[depth - 1];
                if (nextEdge[node] == successors[node].length) {
                    state[node] = FINISHED;
                    depth--;
                    continue;
                }
                int next = successors[node][nextEdge[node]++];
                if (state[next] == ON_PATH) {
                    return closedPath(path, positionOnPath[next], depth);
                }
                if (state[next] == UNVISITED) {
                    path[depth] = next;
                    positionOnPath[next] = depth++;
                    state[next] = ON_PATH;
                }
            }
        }
        return null;
    }

    private static int[] closedPath(int[] path, int from, int depth) {
        int length = depth - from;
        int[] cycle = new int[length + 1];
        System.arraycopy(path, from, cycle, 0, length);
        cycle[length] = path[from];
        return cycle;
    }
}
