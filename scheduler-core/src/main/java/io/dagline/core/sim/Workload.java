package io.dagline.core.sim;

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

    int[] successorsView(int i) {
        return successors[i];
    }

    private int[] topologicalOrder() {
        int n = tasks.size();
        int[] waiting = new int[n];
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            waiting[i] = tasks.get(i).predecessors().size();
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int placed = 0;
        while (!ready.isEmpty()) {
            int task = ready.poll();
            order[placed++] = task;
            for (int successor : successors[task]) {
                if (--waiting[successor] == 0) {
                    ready.add(successor);
                }
            }
        }
        if (placed != n) {
            throw new IllegalArgumentException("workload " + name + " has a cycle");
        }
        return order;
    }
}
