package io.dagline.core.validation;

/** Bounds that keep one job from exhausting the scheduler; the defaults suit a shared cluster. */
public record ValidationLimits(
        int maxTasks,
        int maxDependenciesPerTask,
        int maxArgsBytesPerTask,
        double maxCpu,
        long maxMemoryMb,
        int maxAttempts) {

    public static ValidationLimits defaults() {
        return new ValidationLimits(100_000, 10_000, 64 * 1024, 1024, 4L * 1024 * 1024, 100);
    }
}
