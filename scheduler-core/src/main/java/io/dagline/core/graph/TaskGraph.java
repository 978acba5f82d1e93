package io.dagline.core.graph;

import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dependency graph of a validated job with tasks numbered {@code 0..n-1} in job order.
 *
 * <p>An edge goes from a dependency to its dependent ("successor"). Arrays returned by the public methods
 * are copies; code in this package reads the internal ones to avoid copying in hot loops.
 */
public final class TaskGraph {

    private final List<TaskSpec> tasks;
    private final Map<String, Integer> indexById;
    private final int[][] successors;
    private final int[][] predecessors;
    private final int edgeCount;

    private TaskGraph(List<TaskSpec> tasks, Map<String, Integer> indexById, int[][] successors,
            int[][] predecessors, int edgeCount) {
        this.tasks = tasks;
        this.indexById = indexById;
        this.successors = successors;
        this.predecessors = predecessors;
        this.edgeCount = edgeCount;
    }

    /**
     * Builds the graph of a job that passed {@code JobValidator}. Fails fast on an unknown or duplicate id
     * rather than building a wrong graph, but does not look for cycles: {@link #topologicalOrder()} does.
     */
    public static TaskGraph of(JobSpec validJob) {
        List<TaskSpec> tasks = validJob.tasks();
        int n = tasks.size();
        Map<String, Integer> indexById = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (indexById.putIfAbsent(tasks.get(i).id(), i) != null) {
                throw new IllegalArgumentException("duplicate task id \"" + tasks.get(i).id() + "\"; validate first");
            }
        }
        int[][] predecessors = new int[n][];
        int[] outDegree = new int[n];
        int edgeCount = 0;
        for (int i = 0; i < n; i++) {
            List<String> dependencies = tasks.get(i).dependencies();
            predecessors[i] = new int[dependencies.size()];
            for (int d = 0; d < dependencies.size(); d++) {
                Integer dependency = indexById.get(dependencies.get(d));
                if (dependency == null) {
                    throw new IllegalArgumentException("task \"" + tasks.get(i).id() + "\" depends on unknown task \""
                            + dependencies.get(d) + "\"; validate first");
                }
                predecessors[i][d] = dependency;
                outDegree[dependency]++;
                edgeCount++;
            }
        }
        int[][] successors = new int[n][];
        for (int i = 0; i < n; i++) {
            successors[i] = new int[outDegree[i]];
            outDegree[i] = 0;
        }
        for (int i = 0; i < n; i++) {
            for (int dependency : predecessors[i]) {
                successors[dependency][outDegree[dependency]++] = i;
            }
        }
        return new TaskGraph(tasks, Map.copyOf(indexById), successors, predecessors, edgeCount);
    }

    public int size() {
        return tasks.size();
    }

    public String id(int i) {
        return tasks.get(i).id();
    }

    /** The index of the task with this id, or -1 when there is none. */
    public int index(String id) {
        Integer index = indexById.get(id);
        return index == null ? -1 : index;
    }

    public TaskSpec task(int i) {
        return tasks.get(i);
    }

    /** The tasks that depend on task {@code i}, in ascending index order. */
    public int[] successors(int i) {
        return successors[i].clone();
    }

    /** The tasks task {@code i} depends on, in the order its spec lists them. */
    public int[] predecessors(int i) {
        return predecessors[i].clone();
    }

    public int edgeCount() {
        return edgeCount;
    }

    /**
     * Kahn's algorithm; among ready tasks the lowest index goes first, so the order is deterministic.
     *
     * @throws IllegalStateException if the graph has a cycle (the job was not validated)
     */
    public int[] topologicalOrder() {
        int[] dependencyCounts = new int[size()];
        for (int i = 0; i < dependencyCounts.length; i++) {
            dependencyCounts[i] = predecessors[i].length;
        }
        int[] order = KahnOrder.of(dependencyCounts, successors);
        if (order == null) {
            throw new IllegalStateException("task graph has a cycle; validate the job first");
        }
        return order;
    }

    int[] successorsView(int i) {
        return successors[i];
    }

    int[] predecessorsView(int i) {
        return predecessors[i];
    }
}
