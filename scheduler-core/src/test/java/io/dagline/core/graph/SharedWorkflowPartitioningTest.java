package io.dagline.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Partition quality on the real workflows in {@code shared/workflows/}; the numbers are in
 * {@code docs/benchmarks.md}, printed by {@link PartitionReport}.
 */
class SharedWorkflowPartitioningTest {

    /**
     * Families whose middle stage is all-to-all with a few hubs (blast: 3 hubs × 40 tasks, bwa: 4 × 1000). A
     * hub keeps at most a partition's worth of its neighbours, so most edges must be cut whatever the
     * partitioner does; what can be asserted is closeness to that forced cut.
     */
    private static final Set<String> HUB_DOMINATED = Set.of("blast", "bwa");

    /** Families made of parallel pipelines (branches) joined at a few points. */
    private static final Set<String> PIPELINED = Set.of("1000genome", "cycles", "montage", "rnaseq");

    static Stream<Arguments> rows() {
        List<PartitionReport.Row> rows = PartitionReport.rows();
        return rows.stream().map(row -> Arguments.of(row.workflow().file(), row.partitions(), row));
    }

    @ParameterizedTest(name = "{0}, k={1}")
    @MethodSource("rows")
    void shouldCutNoMoreThanStreamingPartitioner(String file, int k, PartitionReport.Row row) {
        // Both are deterministic, and the multilevel partitioner sees the whole graph where the streaming one
        // sees one task at a time; on these instances it never loses, and it must not start to.
        assertThat(row.multilevel().edgeCutRatio()).isLessThanOrEqualTo(row.streaming().edgeCutRatio());
    }

    @ParameterizedTest(name = "{0}, k={1}")
    @MethodSource("rows")
    void shouldKeepEveryPartitionWithinCapacity(String file, int k, PartitionReport.Row row) {
        // imbalance = largest / (n / k); the bound is on the largest partition: ceil(n / k) × 1.05, rounded
        // down. On small workflows ceil(n / k) alone is well above n / k (41 tasks over 8: 6 vs 5.1).
        int n = row.workflow().tasks();
        int capacity = PartitionSizing.capacity(n, k, MultilevelPartitioner.DEFAULT_SLACK);
        assertThat(row.multilevel().imbalance()).isLessThanOrEqualTo(capacity / ((double) n / k) + 1e-9);
    }

    @ParameterizedTest(name = "{0}, k={1}")
    @MethodSource("rows")
    void shouldCutHubDominatedWorkflowsCloseToTheForcedCut(String file, int k,
            PartitionReport.Row row) {
        if (HUB_DOMINATED.contains(row.workflow().family())) {
            // Measured: at most 0.042 above the bound (blast in two, where the bound ignores that the 3 hubs
            // cannot each keep a full partition of neighbours at once); bwa is within 0.003.
            double forced = (double) row.cutLowerBound() / row.edges();
            assertThat(row.multilevel().edgeCutRatio()).isLessThanOrEqualTo(forced + 0.05);
        }
    }

    @ParameterizedTest(name = "{0}, k={1}")
    @MethodSource("rows")
    void shouldCutPipelinedWorkflowsInTwoAlongTheirPipelines(String file, int k, PartitionReport.Row row) {
        // In two, such a workflow splits between its pipelines and cuts only the joins: measured at most 0.165
        // (cycles); 0.2 leaves room for harmless tie-breaking changes, not for cutting across pipelines, which
        // is what the streaming partitioner does (0.33 to 0.43 on cycles, montage-10d and rnaseq).
        if (k == 2 && PIPELINED.contains(row.workflow().family())) {
            assertThat(row.multilevel().edgeCutRatio()).isLessThanOrEqualTo(0.2);
        }
    }
}
