package io.dagline.core.policy;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Spark's speculation ({@code spark.speculation.*}): once a {@code quantile} of the tasks of one kind finished,
 * an attempt of that kind running longer than {@code multiplier} × their median runtime (and at least
 * {@code minRuntimeSeconds}) gets a copy on another free slot; the first to finish wins, the other is stopped.
 * Pure: the caller keeps the runtimes and decides where the copy goes.
 */
public record SpeculationRule(double multiplier, double quantile, double minRuntimeSeconds) {

    public SpeculationRule {
        if (!(multiplier >= 1) || !(quantile > 0 && quantile <= 1) || minRuntimeSeconds < 0) {
            throw new IllegalArgumentException("multiplier ≥ 1, quantile in (0, 1], minRuntime ≥ 0");
        }
    }

    /** Spark's defaults: 1.5 × the median, once 75% finished, and never before 100 ms. */
    public static SpeculationRule sparkDefaults() {
        return new SpeculationRule(1.5, 0.75, 0.1);
    }

    /**
     * How long an attempt of this kind may run before it gets a copy, or empty while too few finished (Spark:
     * at least max(1, ⌊quantile × total⌋)).
     *
     * @param finishedRuntimes runtimes of the kind's finished tasks
     * @param totalTasks tasks of the kind in all
     */
    public OptionalDouble threshold(double[] finishedRuntimes, int totalTasks) {
        int needed = Math.max(1, (int) Math.floor(quantile * totalTasks));
        if (finishedRuntimes.length < needed) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(minRuntimeSeconds, multiplier * median(finishedRuntimes)));
    }

    public boolean shouldCopy(double runningSeconds, OptionalDouble threshold) {
        return threshold.isPresent() && runningSeconds > threshold.getAsDouble();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
