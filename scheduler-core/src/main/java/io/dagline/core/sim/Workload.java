package io.dagline.core.sim;

import io.dagline.core.graph.KahnOrder;
import io.dagline.core.policy.InputRef;
import java.util.ArrayList;
import java.util.List;

/** A DAG of tasks with runtimes and data, ready to be replayed; tasks are numbered by their list position. */
public final class Workload {

    private final String name;
    private final List<WorkTask> tasks;
    private final int[][] successors;
    private final int[] topologicalOrder;

    public Workload(String name, List<WorkTask> tasks) {
        this.name = name;
        this.tasks = List.copyOf(tasks);
        int n = tasks.size();
        List<List<Integer>> successorLists = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            successorLists.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int predecessor : tasks.get(i).predecessors()) {
                successorLists.get(predecessor).add(i);
            }
        }
        this.successors = successorLists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        this.topologicalOrder = topologicalOrder();
    }

    public String name() {
        return name;
    }

    public List<WorkTask> tasks() {
        return tasks;
    }

    public int size() {
        return tasks.size();
    }

    public WorkTask task(int i) {
        return tasks.get(i);
    }

    public int[] successors(int i) {
        return successors[i].clone();
    }

    /** Lowest index first among the tasks whose predecessors are all placed. */
    public int[] order() {
        return topologicalOrder.clone();
    }

    public double totalRuntimeSeconds() {
        return tasks.stream().mapToDouble(WorkTask::runtimeSeconds).sum();
    }

    /** The task's inputs where they are once its predecessors ran at {@code siteOf}. */
    List<InputRef> inputsAt(int task, String[] siteOf) {
        List<InputRef> refs = new ArrayList<>();
        for (DataInput input : tasks.get(task).inputs()) {
            String site = input.isProduced() ? siteOf[input.producer()] : input.site();
            refs.add(new InputRef(input.name(), input.bytes(), site, input.immovable()));
        }
        return refs;
    }

    /** Bytes each successor reads from each task, aligned with the task's successor list. */
    long[][] edgeBytes() {
        int n = tasks.size();
        long[][] bytes = new long[n][];
        for (int i = 0; i < n; i++) {
            bytes[i] = new long[successors[i].length];
        }
        for (int consumer = 0; consumer < n; consumer++) {
            for (DataInput input : tasks.get(consumer).inputs()) {
                if (input.isProduced()) {
                    int[] next = successors[input.producer()];
                    for (int s = 0; s < next.length; s++) {
                        if (next[s] == consumer) {
                            bytes[input.producer()][s] += input.bytes();
                        }
                    }
                }
            }
        }
        return bytes;
    }

    int[] successorsView(int i) {
        return successors[i];
    }

    private int[] topologicalOrder() {
        int[] dependencyCounts = new int[tasks.size()];
        for (int i = 0; i < dependencyCounts.length; i++) {
            dependencyCounts[i] = tasks.get(i).predecessors().size();
        }
        int[] order = KahnOrder.of(dependencyCounts, successors);
        if (order == null) {
            throw new IllegalArgumentException("workload " + name + " has a cycle");
        }
        return order;
    }
}
