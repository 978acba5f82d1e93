package io.dagline.core.sim;

import io.dagline.core.model.Resources;
import java.util.List;

/**
 * One task as the simulator replays it.
 *
 * @param runtimeSeconds runtime at speed 1.0
 * @param predecessors indices of the tasks it depends on
 */
public record WorkTask(String id, double runtimeSeconds, List<Integer> predecessors, List<DataInput> inputs,
        String pool, Resources resources) {

    public WorkTask {
        predecessors = List.copyOf(predecessors);
        inputs = List.copyOf(inputs);
        resources = resources == null ? Resources.DEFAULT : resources;
        if (!(runtimeSeconds >= 0)) {
            throw new IllegalArgumentException("task " + id + ": runtime must not be negative");
        }
    }

    /** The site of an immovable input, or {@code null}. */
    public String pinnedSite() {
        return inputs.stream().filter(DataInput::immovable).map(DataInput::site).findFirst().orElse(null);
    }
}
