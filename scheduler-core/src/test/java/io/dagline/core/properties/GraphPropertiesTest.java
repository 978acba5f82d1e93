package io.dagline.core.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.graph.GreedyStreamingPartitioner;
import io.dagline.core.graph.MultilevelPartitioner;
import io.dagline.core.graph.TaskGraph;
import io.dagline.core.graph.UpwardRank;
import io.dagline.core.testing.RandomDag;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class GraphPropertiesTest {

    private final GreedyStreamingPartitioner partitioner = new GreedyStreamingPartitioner();
    private final MultilevelPartitioner multilevel = new MultilevelPartitioner();

    @Provide
    Arbitrary<RandomDag> dags() {
        return RandomDag.arbitrary(60);
    }

    @Provide
    Arbitrary<RandomDag> largeDags() {
        return RandomDag.arbitrary(400);
    }

    @Property(tries = 200)
    void shouldPlaceEveryTaskOnceWithinCapacityUsingEveryPartition(
            @ForAll("dags") RandomDag dag, @ForAll @IntRange(min = 1, max = 8) int partitionCount) {
        TaskGraph graph = TaskGraph.of(dag.toJob());

        int[] assignment = partitioner.partition(graph, partitionCount);

        assertPlacesEveryTaskOnceWithinCapacity(graph, assignment, partitionCount,
                GreedyStreamingPartitioner.DEFAULT_SLACK);
    }

    @Property(tries = 200)
    void shouldPlaceEveryTaskOnceWithinCapacityUsingEveryPartitionWhenMultilevel(
            @ForAll("dags") RandomDag dag, @ForAll @IntRange(min = 1, max = 8) int partitionCount) {
        TaskGraph graph = TaskGraph.of(dag.toJob());

        int[] assignment = multilevel.partition(graph, partitionCount);

        assertPlacesEveryTaskOnceWithinCapacity(graph, assignment, partitionCount,
                MultilevelPartitioner.DEFAULT_SLACK);
    }

    /** Large enough that the multilevel partitioner coarsens (more than 20 tasks per partition). */
    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void shouldPlaceEveryTaskOnceWithinCapacityUsingEveryPartitionWhenMultilevelCoarsens(
            @ForAll("largeDags") RandomDag dag, @ForAll @IntRange(min = 1, max = 8) int partitionCount) {
        TaskGraph graph = TaskGraph.of(dag.toJob());

        int[] assignment = multilevel.partition(graph, partitionCount);

        assertPlacesEveryTaskOnceWithinCapacity(graph, assignment, partitionCount,
                MultilevelPartitioner.DEFAULT_SLACK);
    }

    private static void assertPlacesEveryTaskOnceWithinCapacity(TaskGraph graph, int[] assignment,
            int partitionCount, double slack) {
        int n = graph.size();
        assertThat(assignment).hasSize(n);
        int[] sizes = new int[partitionCount];
        for (int partition : assignment) {
            assertThat(partition).isBetween(0, partitionCount - 1);
            sizes[partition]++;
        }
        double capacity = Math.ceil((double) n / partitionCount) * (1 + slack);
        for (int size : sizes) {
            assertThat((double) size).isLessThanOrEqualTo(capacity);
            if (partitionCount <= n) {
                assertThat(size).isPositive();
            }
        }
    }

    @Property(tries = 100)
    void shouldPartitionDeterministically(
            @ForAll("dags") RandomDag dag, @ForAll @IntRange(min = 1, max = 8) int partitionCount) {
        int[] first = partitioner.partition(TaskGraph.of(dag.toJob()), partitionCount);
        int[] second = new GreedyStreamingPartitioner().partition(TaskGraph.of(dag.toJob()), partitionCount);

        assertThat(second).containsExactly(first);
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void shouldPartitionDeterministicallyWhenMultilevel(
            @ForAll("largeDags") RandomDag dag, @ForAll @IntRange(min = 1, max = 8) int partitionCount) {
        int[] first = multilevel.partition(TaskGraph.of(dag.toJob()), partitionCount);
        int[] second = new MultilevelPartitioner().partition(TaskGraph.of(dag.toJob()), partitionCount);

        assertThat(second).containsExactly(first);
    }

    @Property(tries = 200)
    void shouldOrderEveryDependencyBeforeItsDependent(@ForAll("dags") RandomDag dag) {
        // given
        TaskGraph graph = TaskGraph.of(dag.toJob());

        // when
        int[] order = graph.topologicalOrder();

        // then
        assertThat(order).hasSize(graph.size());
        int[] position = new int[graph.size()];
        java.util.Arrays.fill(position, -1);
        for (int i = 0; i < order.length; i++) {
            assertThat(position[order[i]]).as("task %d placed twice", order[i]).isEqualTo(-1);
            position[order[i]] = i;
        }
        for (int task = 0; task < graph.size(); task++) {
            for (int successor : graph.successors(task)) {
                assertThat(position[task]).isLessThan(position[successor]);
            }
        }
    }

    @Property(tries = 200)
    void shouldRankEveryTaskAboveItsSuccessors(@ForAll("dags") RandomDag dag) {
        TaskGraph graph = TaskGraph.of(dag.toJob());

        double[] rank = UpwardRank.compute(graph, 1);

        for (int task = 0; task < graph.size(); task++) {
            for (int successor : graph.successors(task)) {
                assertThat(rank[task]).isGreaterThan(rank[successor]);
            }
        }
    }
}
