package io.dagline.core.sim;

import java.util.SplittableRandom;

/**
 * Some attempts run slower than their site's speed says (a noisy neighbour, a bad disk): a seeded
 * {@code fraction} of attempts take {@code factor} × as long. The draw depends only on the seed, the task and the
 * attempt number, so a copy of a straggler is usually not one.
 */
public record StragglerModel(long seed, double fraction, double factor) implements AttemptSlowdowns {

    public StragglerModel {
        if (fraction < 0 || fraction > 1 || !(factor >= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1] and factor at least 1");
        }
    }

    @Override
    public double slowdown(String taskId, int attempt) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + taskId.hashCode() * 31L + attempt);
        return random.nextDouble() < fraction ? factor : 1.0;
    }
}
