package io.dagline.core.sim;

import io.dagline.core.graph.KahnOrder;
import io.dagline.core.policy.InputRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** A DAG of tasks with runtimes and data, ready to be replayed; tasks are numbered by their list position. */
public final class Workload {

    private final String name;
    private final List<WorkTask> tasks;
    private final int[][] successors;
    private final int[] topologicalOrder;
    private final double estimateSpread;

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
        this.estimateSpread = Double.NaN;
    }

    private Workload(Workload same, double estimateSpread) {
        this.name = same.name;
        this.tasks = same.tasks;
        this.successors = same.successors;
        this.topologicalOrder = same.topologicalOrder;
        this.estimateSpread = estimateSpread;
    }

    /**
     * The same tasks, with how far their runtimes are believed to be off: σ of the log error that estimates showed
     * on earlier runs ({@link io.dagline.core.estimate.EstimateSpread}).
     */
    public Workload withEstimateSpread(double sigma) {
        return new Workload(this, sigma);
    }

    /** σ of the log error its runtimes are believed to have; NaN when nothing says. */
    public double estimateSpread() {
        return estimateSpread;
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

    /** A value per task (by index), keyed by task id: how plans leave the simulator. */
    public <T> Map<String, T> byTaskId(IntFunction<T> valueOf) {
        Map<String, T> byId = new HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            byId.put(tasks.get(i).id(), valueOf.apply(i));
        }
        return byId;
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

    /** One file a task reads from a predecessor: the producer, the consumer's place in its successor list, bytes. */
    interface EdgeInput {
        void accept(int producer, int successorSlot, long bytes);
    }

    /** Every file a task reads from a predecessor, consumers in task order, each consumer's inputs in order. */
    void forEachEdgeInput(EdgeInput visitor) {
        for (int consumer = 0; consumer < tasks.size(); consumer++) {
            for (DataInput input : tasks.get(consumer).inputs()) {
                if (input.isProduced()) {
                    int[] next = successors[input.producer()];
                    for (int s = 0; s < next.length; s++) {
                        if (next[s] == consumer) {
                            visitor.accept(input.producer(), s, input.bytes());
                        }
                    }
                }
            }
        }
    }

    /** Bytes each successor reads from each task, aligned with the task's successor list. */
    long[][] edgeBytes() {
        long[][] bytes = new long[tasks.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = new long[successors[i].length];
        }
        forEachEdgeInput((producer, slot, size) -> bytes[producer][slot] += size);
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
