package io.dagline.core.adaptive;

import io.dagline.core.policy.ReadyTask;
import java.util.Arrays;
import java.util.List;

/**
 * The kind of work waiting, from the runtimes of the ready tasks: mostly short tasks (fine), mostly long ones
 * (coarse), or both (mixed: coefficient of variation above {@link #MIXED_VARIATION}).
 */
public enum WorkloadClass {
    FINE, COARSE, MIXED;

    /** Runtimes this far spread (standard deviation ÷ mean) are mixed. */
    public static final double MIXED_VARIATION = 1.0;

    /** @param coarseSeconds a median runtime at or above it is coarse */
    public static WorkloadClass of(List<ReadyTask> ready, double coarseSeconds) {
        double[] runtimes = ready.stream().mapToDouble(ReadyTask::runtimeSeconds).sorted().toArray();
        if (runtimes.length == 0) {
            return FINE;
        }
        double mean = Arrays.stream(runtimes).average().orElse(0);
        double variance = Arrays.stream(runtimes).map(r -> (r - mean) * (r - mean)).average().orElse(0);
        if (mean > 0 && Math.sqrt(variance) / mean > MIXED_VARIATION) {
            return MIXED;
        }
        return runtimes[runtimes.length / 2] >= coarseSeconds ? COARSE : FINE;
    }
}
