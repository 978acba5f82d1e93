package io.dagline.core.sim;

import java.util.List;

/**
 * @param utilisation slot time taken by tasks (transfers included) over all slots × makespan
 * @param runs one per task, in the workload's task order
 */
public record SimulationResult(String workload, double makespan, double utilisation, List<TaskRun> runs) {

    public SimulationResult {
        runs = List.copyOf(runs);
    }
}
