package io.dagline.core.estimate;

/**
 * How far runtime estimates turned out to be off: the root mean square of the log of (estimate at the site's speed
 * ÷ time the attempt actually ran), over finished attempts. Logs, because ×2 and ×½ are equally wrong. 0 when every
 * estimate was right; about σ when estimates are off by a log-normal factor of spread σ.
 *
 * <p>Not thread-safe.
 */
public final class EstimateSpread {

    private double sumOfSquares;
    private int observations;

    /**
     * One finished attempt.
     *
     * @param expectedSeconds its runtime estimate at speed 1.0
     * @param speed the speed of the site it ran at, as the scheduler believed it
     * @param ranSeconds how long it ran, transfers excluded
     */
    public void observe(double expectedSeconds, double speed, double ranSeconds) {
        if (!(expectedSeconds > 0) || !(speed > 0) || !(ranSeconds > 0)) {
            return;
        }
        double logError = Math.log(expectedSeconds / speed / ranSeconds);
        sumOfSquares += logError * logError;
        observations++;
    }

    public int observations() {
        return observations;
    }

    /** σ of the estimates' log error; NaN before any observation. */
    public double sigma() {
        return observations == 0 ? Double.NaN : Math.sqrt(sumOfSquares / observations);
    }
}
