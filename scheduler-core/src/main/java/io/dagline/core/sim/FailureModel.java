package io.dagline.core.sim;

import java.util.SplittableRandom;

/**
 * Failure injection: a seeded {@code probability} that an attempt fails when it would have finished. A failed
 * task is retried (a barrier group: all its tasks); after {@code maxAttempts} the simulation stops with an error.
 */
public record FailureModel(long seed, double probability, int maxAttempts) implements AttemptFailures {

    public FailureModel {
        if (probability < 0 || probability >= 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("probability must be in [0, 1) and maxAttempts positive");
        }
    }

    @Override
    public boolean fails(String taskId, int attempt) {
        return new SplittableRandom(seed * 7_368_787L + taskId.hashCode() * 131L + attempt).nextDouble() < probability;
    }
}
