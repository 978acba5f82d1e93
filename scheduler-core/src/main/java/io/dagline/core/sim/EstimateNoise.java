package io.dagline.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runtime estimates off by a log-normal factor: each task's estimate is its runtime × exp(σ·Z), Z standard
 * normal, drawn from the seed and the task's id, so the same task gets the same error in every table.
 *
 * @param sigma σ of the factor's logarithm (0.5: half the estimates within ×0.71–×1.40, one in twenty beyond
 *     ×0.38–×2.66)
 */
public record EstimateNoise(double sigma, long seed) {

    /** The same tasks, with the runtimes a scheduler would be told. */
    public Workload estimates(Workload workload) {
        List<WorkTask> told = new ArrayList<>();
        for (WorkTask task : workload.tasks()) {
            double factor = Math.exp(sigma * gaussian(new SplittableRandom(seed * 1_000_003L + task.id().hashCode())));
            told.add(new WorkTask(task.id(), task.runtimeSeconds() * factor, task.predecessors(), task.inputs(),
                    task.pool(), task.resources(), task.barrierGroup(), task.inputsNeeded()));
        }
        return new Workload(workload.name(), told);
    }

    /** Box–Muller. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
