package io.dagline.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EstimateSpreadTest {

    @Test
    void shouldKnowNothingBeforeAnAttemptFinished() {
        assertThat(new EstimateSpread().sigma()).isNaN();
    }

    @Test
    void shouldBeZeroWhenEveryEstimateWasRightAtItsSitesSpeed() {
        EstimateSpread spread = new EstimateSpread();
        spread.observe(10, 0.5, 20);
        spread.observe(3, 2.0, 1.5);

        assertThat(spread.sigma()).isZero();
    }

    @Test
    void shouldWeighTwiceAsLongAndHalfAsLongTheSame() {
        EstimateSpread longer = new EstimateSpread();
        longer.observe(10, 1.0, 20);
        EstimateSpread shorter = new EstimateSpread();
        shorter.observe(10, 1.0, 5);

        assertThat(longer.sigma()).isCloseTo(Math.log(2), offset(1e-12)).isCloseTo(shorter.sigma(), offset(1e-12));
    }

    @Test
    void shouldFindTheSpreadOfLogNormalErrors() {
        SplittableRandom random = new SplittableRandom(3);
        EstimateSpread spread = new EstimateSpread();
        for (int i = 0; i < 20_000; i++) {
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            spread.observe(10 * Math.exp(0.5 * z), 1.0, 10);
        }

        assertThat(spread.sigma()).isCloseTo(0.5, offset(0.01));
    }

    @Test
    void shouldSkipAttemptsWithoutAnEstimateOrARun() {
        EstimateSpread spread = new EstimateSpread();
        spread.observe(0, 1.0, 10);
        spread.observe(10, 1.0, 0);
        spread.observe(Double.NaN, 1.0, 10);

        assertThat(spread.observations()).isZero();
    }
}
