package io.dagline.core.sim;

import java.util.List;

/**
 * @param utilisation slot time taken by attempts (transfers, stopped copies and failed attempts included) over
 *     all slots × makespan
 * @param runs one per task, the attempt that counted, in the workload's task order
 * @param attempts every attempt started, speculative copies and failed attempts included
 * @param speculativeCopies copies launched by speculation
 * @param copiesThatWon copies that finished before the attempt they copied
 * @param failedAttempts attempts that failed, or were stopped because another task of their barrier group failed
 */
public record SimulationResult(String workload, double makespan, double utilisation, List<TaskRun> runs,
        int attempts, int speculativeCopies, int copiesThatWon, int failedAttempts) {

    public SimulationResult {
        runs = List.copyOf(runs);
    }

    public SimulationResult(String workload, double makespan, double utilisation, List<TaskRun> runs) {
        this(workload, makespan, utilisation, runs, runs.size(), 0, 0, 0);
    }
}
