package io.dagline.core.sim;

import io.dagline.core.model.Resources;
import java.util.List;

/**
 * One task as the simulator replays it.
 *
 * @param runtimeSeconds runtime at speed 1.0
 * @param predecessors indices of the tasks it depends on
 * @param barrierGroup the barrier group it starts with, or {@code null}: the group's tasks start together or not
 *     at all, and a failure of one retries them all
 * @param inputsNeeded K of N: the task is ready once K of its N predecessors finished, and reads the K cheapest of
 *     its inputs; 0 means all
 */
public record WorkTask(String id, double runtimeSeconds, List<Integer> predecessors, List<DataInput> inputs,
        String pool, Resources resources, String barrierGroup, int inputsNeeded) {

    public WorkTask {
        predecessors = List.copyOf(predecessors);
        inputs = List.copyOf(inputs);
        resources = resources == null ? Resources.DEFAULT : resources;
        if (!(runtimeSeconds >= 0)) {
            throw new IllegalArgumentException("task " + id + ": runtime must not be negative");
        }
        if (inputsNeeded < 0 || inputsNeeded > predecessors.size()) {
            throw new IllegalArgumentException("task " + id + ": needs " + inputsNeeded + " of "
                    + predecessors.size() + " upstream tasks");
        }
    }

    /** A task in no barrier group that needs all its inputs. */
    public WorkTask(String id, double runtimeSeconds, List<Integer> predecessors, List<DataInput> inputs,
            String pool, Resources resources) {
        this(id, runtimeSeconds, predecessors, inputs, pool, resources, null, 0);
    }

    public WorkTask inBarrierGroup(String group) {
        return new WorkTask(id, runtimeSeconds, predecessors, inputs, pool, resources, group, inputsNeeded);
    }

    public WorkTask needingInputs(int k) {
        return new WorkTask(id, runtimeSeconds, predecessors, inputs, pool, resources, barrierGroup, k);
    }

    /** How many predecessors must finish before it is ready. */
    public int predecessorsNeeded() {
        return inputsNeeded == 0 ? predecessors.size() : inputsNeeded;
    }

    /** The site of an immovable input, or {@code null}. */
    public String pinnedSite() {
        return inputs.stream().filter(DataInput::immovable).map(DataInput::site).findFirst().orElse(null);
    }

    /** Whether no immovable input keeps it from the site. */
    public boolean mayRunAt(String site) {
        String pinned = pinnedSite();
        return pinned == null || pinned.equals(site);
    }
}
