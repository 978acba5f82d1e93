package io.dagline.core.adaptive;

import java.util.SplittableRandom;

/**
 * UCB1 (Auer, Cesa-Bianchi and Fischer, 2002) over a few arms with rewards in [0, 1]: every arm once, then the
 * one with the highest mean + √(2 ln n / nᵢ). Ties go to a seeded random arm, so runs repeat.
 */
final class Ucb1 {

    private final long[] pulls;
    private final double[] rewardSums;
    private final SplittableRandom random;
    private long total;

    Ucb1(int arms, long seed) {
        this.pulls = new long[arms];
        this.rewardSums = new double[arms];
        this.random = new SplittableRandom(seed);
    }

    int choose() {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        int ties = 0;
        for (int arm = 0; arm < pulls.length; arm++) {
            double score = pulls[arm] == 0 ? Double.POSITIVE_INFINITY
                    : rewardSums[arm] / pulls[arm] + Math.sqrt(2 * Math.log(total) / pulls[arm]);
            if (score > bestScore) {
                best = arm;
                bestScore = score;
                ties = 1;
            } else if (score == bestScore && random.nextInt(++ties) == 0) {
                best = arm;
            }
        }
        return best;
    }

    void reward(int arm, double reward) {
        pulls[arm]++;
        rewardSums[arm] += Math.max(0, Math.min(1, reward));
        total++;
    }

    /** Counts {@code pulls} pulls of the arm with the given mean reward, as if they had happened. */
    void prior(int arm, long pulls, double meanReward) {
        this.pulls[arm] += pulls;
        rewardSums[arm] += pulls * Math.max(0, Math.min(1, meanReward));
        total += pulls;
    }

    double meanReward(int arm) {
        return pulls[arm] == 0 ? Double.NaN : rewardSums[arm] / pulls[arm];
    }

    long pulls(int arm) {
        return pulls[arm];
    }
}
