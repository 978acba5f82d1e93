package io.dagline.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class SpeedEstimatorTest {

    @Test
    void shouldShowTheDeclaredSpeedUntilItLearnsAnything() {
        SpeedEstimator estimator = new SpeedEstimator();

        assertThat(estimator.speedOfSite("slow", 0.3)).isEqualTo(0.3);
        assertThat(estimator.speedOfExecutor("e1", "slow", 0.3)).isEqualTo(0.3);
    }

    @Test
    void shouldForgetAWrongPriorWithinAFewObservations() {
        // declared 1.0, really 0.3: a 10 s task runs 33.3 s
        SpeedEstimator estimator = new SpeedEstimator();
        double previousError = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 10; i++) {
            estimator.observe("slow", null, 1.0, 10, 10 / 0.3);
            double error = Math.abs(estimator.speedOfSite("slow", 1.0) - 0.3);
            assertThat(error).as("error after %d observations", i + 1).isLessThan(previousError);
            previousError = error;
        }
        assertThat(estimator.speedOfSite("slow", 1.0)).isCloseTo(0.3, offset(0.3 * 0.1));
        for (int i = 0; i < 20; i++) {
            estimator.observe("slow", null, 1.0, 10, 10 / 0.3);
        }
        assertThat(estimator.speedOfSite("slow", 1.0)).isCloseTo(0.3, offset(0.3 * 0.01));
    }

    @Test
    void shouldBarelyMoveOnOneOutlier() {
        SpeedEstimator estimator = new SpeedEstimator();
        for (int i = 0; i < 20; i++) {
            estimator.observe("fast", null, 1.0, 10, 10);
        }

        estimator.observe("fast", null, 1.0, 10, 100);

        // a plain EWMA of weight 0.2 on log speeds would drop to 0.1^0.2 = 0.63
        assertThat(estimator.speedOfSite("fast", 1.0)).isGreaterThan(0.9);
    }

    @Test
    void shouldFollowARealChangeOfSpeed() {
        SpeedEstimator estimator = new SpeedEstimator();
        for (int i = 0; i < 20; i++) {
            estimator.observe("fast", null, 1.0, 10, 10);
        }
        for (int i = 0; i < 20; i++) {
            estimator.observe("fast", null, 1.0, 10, 20);
        }

        assertThat(estimator.speedOfSite("fast", 1.0)).isCloseTo(0.5, offset(0.05));
    }

    @Test
    void shouldLearnExecutorsApartFromTheirSite() {
        SpeedEstimator estimator = new SpeedEstimator();
        for (int i = 0; i < 10; i++) {
            estimator.observe("site", "quick", 1.0, 10, 10);
            estimator.observe("site", "sluggish", 1.0, 10, 40);
        }

        assertThat(estimator.speedOfExecutor("quick", "site", 1.0))
                .isGreaterThan(estimator.speedOfSite("site", 1.0))
                .isGreaterThan(estimator.speedOfExecutor("sluggish", "site", 1.0));
        assertThat(estimator.speedOfExecutor("new", "site", 1.0)).isEqualTo(estimator.speedOfSite("site", 1.0));
    }

    @Test
    void shouldRebuildTheSameEstimatesFromItsState() {
        SpeedEstimator estimator = new SpeedEstimator();
        estimator.observe("slow", "e", 1.0, 10, 30);
        estimator.observe("slow", "e", 1.0, 10, 35);

        SpeedEstimator restored = new SpeedEstimator(estimator.state(), estimator.alpha());
        restored.observe("slow", "e", 1.0, 10, 31);
        estimator.observe("slow", "e", 1.0, 10, 31);

        assertThat(restored.state()).isEqualTo(estimator.state());
        assertThat(restored.estimate(SpeedEstimator.siteKey("slow")).samples()).isEqualTo(3);
    }

    @Test
    void shouldIgnoreAttemptsWithoutARuntime() {
        SpeedEstimator estimator = new SpeedEstimator();
        estimator.observe("slow", null, 1.0, 0, 30);
        estimator.observe("slow", null, 1.0, 10, 0);

        assertThat(estimator.state()).isEmpty();
    }
}
