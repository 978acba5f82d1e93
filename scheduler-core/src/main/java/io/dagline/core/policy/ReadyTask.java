package io.dagline.core.policy;

import io.dagline.core.model.Resources;
import java.util.List;

/**
 * A task whose dependencies are all met, with what the policies weigh.
 *
 * @param sequence Spark's FIFO key, lower first: the job's submission order, then the order tasks became ready
 * @param runtimeSeconds estimated runtime at speed 1.0
 * @param upwardRank longest estimated path from this task to the end of its job, the task included (HEFT)
 * @param earliestStart estimated earliest start time in the job's static schedule (STSID's EST)
 * @param floatTime how long the task may slip without lengthening the job's critical path (STSID's float)
 * @param priority the job's priority within its pool: higher first ({@link Prioritized}); 0 by default
 * @param readySince when the task became ready (delay scheduling counts its wait from here)
 * @param barrier the barrier group it starts with, or {@code null} ({@link BarrierGroups})
 * @param inputsNeeded how many of its inputs suffice (K of N): the K cheapest to bring to the site are read;
 *     0 or at least {@code inputs.size()} means all
 */
public record ReadyTask(String taskId, String jobId, long sequence, String pool, double runtimeSeconds,
        double upwardRank, double earliestStart, double floatTime, List<InputRef> inputs, Resources resources,
        int priority, double readySince, Barrier barrier, int inputsNeeded) {

    /** A group of tasks that start together or not at all; {@code size} members in all. */
    public record Barrier(String group, int size) {

        public Barrier {
            if (size < 1) {
                throw new IllegalArgumentException("barrier group " + group + " needs at least one member");
            }
        }
    }

    public ReadyTask {
        inputs = List.copyOf(inputs);
        resources = resources == null ? Resources.DEFAULT : resources;
        if (inputsNeeded < 0) {
            throw new IllegalArgumentException("task " + taskId + ": inputsNeeded must not be negative");
        }
    }

    /** A task of priority 0, ready since time 0, in no barrier group, needing all its inputs. */
    public ReadyTask(String taskId, String jobId, long sequence, String pool, double runtimeSeconds,
            double upwardRank, double earliestStart, double floatTime, List<InputRef> inputs, Resources resources) {
        this(taskId, jobId, sequence, pool, runtimeSeconds, upwardRank, earliestStart, floatTime, inputs, resources,
                0, 0, null, 0);
    }

    public ReadyTask withPriority(int newPriority) {
        return new ReadyTask(taskId, jobId, sequence, pool, runtimeSeconds, upwardRank, earliestStart, floatTime,
                inputs, resources, newPriority, readySince, barrier, inputsNeeded);
    }

    public ReadyTask withReadySince(double time) {
        return new ReadyTask(taskId, jobId, sequence, pool, runtimeSeconds, upwardRank, earliestStart, floatTime,
                inputs, resources, priority, time, barrier, inputsNeeded);
    }

    public ReadyTask withBarrier(Barrier group) {
        return new ReadyTask(taskId, jobId, sequence, pool, runtimeSeconds, upwardRank, earliestStart, floatTime,
                inputs, resources, priority, readySince, group, inputsNeeded);
    }

    public ReadyTask withInputsNeeded(int k) {
        return new ReadyTask(taskId, jobId, sequence, pool, runtimeSeconds, upwardRank, earliestStart, floatTime,
                inputs, resources, priority, readySince, barrier, k);
    }

    /** Whether every input must be read (not K of N). */
    public boolean needsAllInputs() {
        return inputsNeeded == 0 || inputsNeeded >= inputs.size();
    }

    /** The site of an immovable input, where this task must run; {@code null} when it may run anywhere. */
    public String pinnedSite() {
        for (InputRef input : inputs) {
            if (input.immovable()) {
                return input.site();
            }
        }
        return null;
    }

    public boolean isPinned() {
        return pinnedSite() != null;
    }

    public boolean mayRunAt(String site) {
        for (InputRef input : inputs) {
            if (input.immovable() && !input.site().equals(site)) {
                return false;
            }
        }
        return true;
    }

    /** The site holding most of the task's input bytes (ties: the first met), or {@code null} when no input with
     * bytes has a known site. */
    public String preferredSite() {
        java.util.Map<String, Long> bytesBySite = new java.util.LinkedHashMap<>();
        for (InputRef input : inputs) {
            if (input.site() != null) {
                bytesBySite.merge(input.site(), input.bytes(), Long::sum);
            }
        }
        String best = null;
        long bestBytes = 0;
        for (var entry : bytesBySite.entrySet()) {
            if (entry.getValue() > bestBytes) {
                best = entry.getKey();
                bestBytes = entry.getValue();
            }
        }
        return best;
    }
}
