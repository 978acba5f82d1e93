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
 */
public record ReadyTask(String taskId, String jobId, long sequence, String pool, double runtimeSeconds,
        double upwardRank, double earliestStart, double floatTime, List<InputRef> inputs, Resources resources) {

    public ReadyTask {
        inputs = List.copyOf(inputs);
        resources = resources == null ? Resources.DEFAULT : resources;
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
}
