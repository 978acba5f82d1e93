package io.dagline.core.sim;

import io.dagline.core.site.Platform;

/**
 * No schedule of the workload on the platform is shorter than either bound: the critical path with every task
 * on the fastest site and no transfers, and all work spread perfectly over the whole capacity. Both ignore
 * data movement and immovable inputs, so a workload that must move or wait for data cannot reach them.
 */
public record LowerBound(double criticalPathSeconds, double workOverCapacitySeconds) {

    public static LowerBound of(Workload workload, Platform platform) {
        double speed = platform.fastestSpeed();
        double[] finish = new double[workload.size()];
        double criticalPath = 0;
        for (int task : workload.order()) {
            double start = 0;
            for (int predecessor : workload.task(task).predecessors()) {
                start = Math.max(start, finish[predecessor]);
            }
            finish[task] = start + workload.task(task).runtimeSeconds() / speed;
            criticalPath = Math.max(criticalPath, finish[task]);
        }
        return new LowerBound(criticalPath, workload.totalRuntimeSeconds() / platform.capacity());
    }

    public double seconds() {
        return Math.max(criticalPathSeconds, workOverCapacitySeconds);
    }
}
