package io.dagline.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SpeculationRuleTest {

    private final SpeculationRule spark = SpeculationRule.sparkDefaults();

    @Test
    void shouldWaitUntilAQuantileOfTheKindFinished() {
        // 8 tasks: ⌊0.75 × 8⌋ = 6 must have finished
        assertThat(spark.threshold(new double[] {10, 10, 10, 10, 10}, 8)).isEmpty();
        assertThat(spark.threshold(new double[] {10, 10, 10, 10, 10, 10}, 8)).hasValue(15);
    }

    @Test
    void shouldCopyAnAttemptRunningLongerThanTheMultiplierTimesTheMedian() {
        OptionalDouble threshold = spark.threshold(new double[] {8, 10, 30, 12}, 4);

        assertThat(threshold).hasValue(1.5 * 11);
        assertThat(spark.shouldCopy(16.5, threshold)).isFalse();
        assertThat(spark.shouldCopy(16.6, threshold)).isTrue();
    }

    @Test
    void shouldNeverCopyBeforeTheMinimumRuntime() {
        SpeculationRule rule = new SpeculationRule(1.5, 0.75, 60);

        assertThat(rule.threshold(new double[] {1, 1, 1, 1}, 4)).hasValue(60);
    }

    @Test
    void shouldNeedAtLeastOneFinishedTask() {
        assertThat(spark.threshold(new double[0], 1)).isEmpty();
        assertThat(spark.threshold(new double[] {4}, 1)).hasValue(6);
    }
}
