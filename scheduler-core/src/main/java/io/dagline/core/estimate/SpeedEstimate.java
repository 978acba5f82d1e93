package io.dagline.core.estimate;

/**
 * What is learnt of one executor's or site's speed, as plain numbers (the live scheduler stores it as is).
 *
 * @param logSpeed natural log of the estimated speed (1.0 = the speed runtimes were recorded at)
 * @param spread exponentially weighted mean absolute deviation of observed log speeds from the estimate: how far
 *     one observation may move it
 * @param samples observations taken so far
 */
public record SpeedEstimate(double logSpeed, double spread, long samples) {

    public double speed() {
        return Math.exp(logSpeed);
    }
}
