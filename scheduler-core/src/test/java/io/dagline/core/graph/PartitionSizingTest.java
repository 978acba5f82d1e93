package io.dagline.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionSizingTest {

    @ParameterizedTest(name = "{0} tasks, {1} per partition, at most {2} -> {3}")
    @CsvSource({
        "0, 1000, 16, 1",
        "1, 1000, 16, 1",
        "1000, 1000, 16, 1",
        "1001, 1000, 16, 2",
        "100000, 1000, 16, 16",
        "5000, 1000, 0, 1"
    })
    void shouldGiveEachPartitionAboutTheTargetNumberOfTasks(int tasks, int target, int max, int expected) {
        assertThat(PartitionSizing.partitionCount(tasks, target, max)).isEqualTo(expected);
    }
}
