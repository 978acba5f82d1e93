package io.dagline.core.estimate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Learns each executor's and each site's processing rate from finished attempts: an observed speed is the
 * task's recorded (or estimated) runtime ÷ the time it actually ran (transfers excluded). The estimate starts at
 * the declared speed (the prior) and moves towards observations by an exponentially weighted mean of log speeds
 * (speeds are ratios: halving and doubling should weigh the same). The first observations weigh 1/(n + 1), so
 * a wrong prior is forgotten fast; later ones {@link #alpha()}. An observation further than 3 × the spread from
 * the estimate is clipped there (Huber), so a straggler or a wrong runtime record moves it only a little, while a
 * real change of speed still pulls it over a few observations.
 *
 * <p>Not thread-safe; state is {@link #state()} and rebuilt by {@link #SpeedEstimator(Map, double)}.
 */
public final class SpeedEstimator {

    /** Prior spread: one observation may move a fresh estimate by up to e^1.5 ≈ 4.5×. */
    public static final double PRIOR_SPREAD = 0.5;
    /** The spread never shrinks below this, so the clip stays at least ±e^0.3 ≈ 1.35×. */
    public static final double MIN_SPREAD = 0.1;
    public static final double CLIP_SPREADS = 3;
    public static final double DEFAULT_ALPHA = 0.2;

    private final Map<String, SpeedEstimate> estimates;
    private final double alpha;

    public SpeedEstimator() {
        this(Map.of(), DEFAULT_ALPHA);
    }

    /** @param alpha weight of one observation once the estimate has 1/alpha of them */
    public SpeedEstimator(Map<String, SpeedEstimate> state, double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
        }
        this.estimates = new LinkedHashMap<>(state);
        this.alpha = alpha;
    }

    public static String siteKey(String site) {
        return "site/" + site;
    }

    public static String executorKey(String executor) {
        return "executor/" + executor;
    }

    public double alpha() {
        return alpha;
    }

    /**
     * One finished attempt at the site (and executor, when known).
     *
     * @param expectedSeconds its runtime at speed 1.0 (recorded or estimated)
     * @param ranSeconds how long it ran there, transfers excluded
     * @param declaredSpeed the site's declared speed: the prior if nothing was learnt yet
     */
    public void observe(String site, String executor, double declaredSpeed, double expectedSeconds,
            double ranSeconds) {
        if (!(expectedSeconds > 0) || !(ranSeconds > 0)) {
            return;
        }
        double observedLog = Math.log(expectedSeconds / ranSeconds);
        update(siteKey(site), declaredSpeed, observedLog);
        if (executor != null) {
            update(executorKey(executor), speedOfSite(site, declaredSpeed), observedLog);
        }
    }

    /** The speed a snapshot should show for the site: what was learnt, else the declared speed. */
    public double speedOfSite(String site, double declaredSpeed) {
        SpeedEstimate estimate = estimates.get(siteKey(site));
        return estimate == null ? declaredSpeed : estimate.speed();
    }

    /** The executor's learnt speed, else its site's. */
    public double speedOfExecutor(String executor, String site, double declaredSpeed) {
        SpeedEstimate estimate = estimates.get(executorKey(executor));
        return estimate == null ? speedOfSite(site, declaredSpeed) : estimate.speed();
    }

    public SpeedEstimate estimate(String key) {
        return estimates.get(key);
    }

    /** Every estimate by key ({@link #siteKey}, {@link #executorKey}), to store. */
    public Map<String, SpeedEstimate> state() {
        return Map.copyOf(estimates);
    }

    private void update(String key, double prior, double observedLog) {
        SpeedEstimate old = estimates.getOrDefault(key, new SpeedEstimate(Math.log(prior), PRIOR_SPREAD, 0));
        double weight = Math.max(alpha, 1.0 / (old.samples() + 2));
        double limit = CLIP_SPREADS * old.spread();
        double deviation = Math.max(-limit, Math.min(limit, observedLog - old.logSpeed()));
        double logSpeed = old.logSpeed() + weight * deviation;
        double spread = Math.max(MIN_SPREAD, (1 - weight) * old.spread() + weight * Math.abs(deviation));
        estimates.put(key, new SpeedEstimate(logSpeed, spread, old.samples() + 1));
    }
}
