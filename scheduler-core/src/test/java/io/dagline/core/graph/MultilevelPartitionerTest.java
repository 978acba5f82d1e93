package io.dagline.core.graph;

import static io.dagline.core.testing.Jobs.job;
import static io.dagline.core.testing.Jobs.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.core.testing.Jobs;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultilevelPartitionerTest {

    private final MultilevelPartitioner partitioner = new MultilevelPartitioner();
    private final GreedyStreamingPartitioner streaming = new GreedyStreamingPartitioner();

    private static int[] sizes(int[] assignment, int partitionCount) {
        int[] sizes = new int[partitionCount];
        for (int partition : assignment) {
            sizes[partition]++;
        }
        return sizes;
    }

    private static PartitionQuality quality(GraphPartitioner partitioner, TaskGraph graph, int partitions) {
        return PartitionQuality.of(graph, partitioner.partition(graph, partitions), partitions);
    }

    @ParameterizedTest(name = "{1} branches over {0} partitions")
    @CsvSource({"2, 2", "4, 4", "8, 8", "2, 4", "4, 8", "8, 16"})
    void shouldSplitFanOutAlongItsBranches(int partitions, int branches) {
        // given a source fanning out into chains of 100 that fan back in to a sink
        TaskGraph graph = TaskGraph.of(job(Jobs.branches(branches, 100)));

        // when
        int[] assignment = partitioner.partition(graph, partitions);

        // then no branch is cut across the middle more than once: the optimum cuts each branch away from the
        // hubs' partition at both ends, 2 × (branches - 1) edges; a level-by-level split would cut every branch
        for (int branch = 0; branch < branches; branch++) {
            int b = branch;
            long partitionsOfBranch = IntStream.range(0, 100)
                    .map(step -> assignment[graph.index("b" + b + "s" + step)]).distinct().count();
            assertThat(partitionsOfBranch).as("partitions holding branch %d", branch).isLessThanOrEqualTo(2);
        }
        PartitionQuality quality = PartitionQuality.of(graph, assignment, partitions);
        assertThat(quality.edgeCutRatio() * graph.edgeCount()).isLessThanOrEqualTo(2.0 * (branches - 1) + 1e-9);
        assertThat(quality.edgeCutRatio()).isLessThanOrEqualTo(quality(streaming, graph, partitions).edgeCutRatio());
        assertThat(quality.imbalance()).isLessThanOrEqualTo(1.05);
    }

    @Test
    void shouldKeepDisjointChainsWholeWhenThereIsOnePartitionPerChain() {
        // given 8 chains of 100 tasks, listed interleaved so job order does not give the chains away
        TaskGraph graph = TaskGraph.of(job(Jobs.interleavedChains(8, 100)));

        // when
        PartitionQuality quality = quality(partitioner, graph, 8);

        // then no edge is cut at all
        assertThat(quality.edgeCutRatio()).isZero();
        assertThat(quality.imbalance()).isEqualTo(1.0);
        assertThat(quality.edgeCutRatio()).isLessThanOrEqualTo(quality(streaming, graph, 8).edgeCutRatio());
    }

    @Test
    void shouldCutDiamondLadderBetweenRungsAtLeastAsWellAsStreaming() {
        // given 50 diamonds of width 8 (451 tasks, 800 edges) over 4 partitions
        TaskGraph graph = TaskGraph.of(job(Jobs.diamondLadder(50, 8)));

        // when
        PartitionQuality quality = quality(partitioner, graph, 4);

        // then each of the 3 boundaries cuts about one rung's 8 edges
        assertThat(quality.edgeCutRatio()).isLessThanOrEqualTo(0.05);
        assertThat(quality.edgeCutRatio()).isLessThanOrEqualTo(quality(streaming, graph, 4).edgeCutRatio());
        assertThat(quality.imbalance()).isLessThanOrEqualTo(1.05);
    }

    @Test
    void shouldCutLongChainOnlyAtPartitionBoundaries() {
        TaskGraph graph = TaskGraph.of(job(Jobs.chain("t", 1000)));

        int[] assignment = partitioner.partition(graph, 8);

        long cut = IntStream.range(1, 1000).filter(i -> assignment[i] != assignment[i - 1]).count();
        assertThat(cut).isEqualTo(7);
    }

    @Test
    void shouldGiveEveryPartitionATaskWhenThereAreAsManyPartitionsAsTasks() {
        TaskGraph graph = TaskGraph.of(job(Jobs.chain("t", 10)));

        int[] assignment = partitioner.partition(graph, 10);

        assertThat(sizes(assignment, 10)).containsOnly(1);
    }

    @Test
    void shouldFillEveryPartitionEvenWhenSlackWouldLetFewerSuffice() {
        TaskGraph graph = TaskGraph.of(job(Jobs.chain("t", 1000)));

        int[] assignment = partitioner.partition(graph, 30);

        assertThat(Arrays.stream(sizes(assignment, 30)).boxed()).allSatisfy(size -> assertThat(size).isBetween(1, 35));
    }

    @Test
    void shouldLeaveExtraPartitionsEmptyWhenThereAreMorePartitionsThanTasks() {
        TaskGraph graph = TaskGraph.of(job(task("a"), task("b", "a")));

        assertThat(partitioner.partition(graph, 5)).containsExactly(0, 1);
    }

    @Test
    void shouldSpreadIndependentTasksEvenly() {
        TaskGraph graph = TaskGraph.of(job(IntStream.range(0, 1000).mapToObj(i -> task("t" + i)).toList()));

        int[] assignment = partitioner.partition(graph, 7);

        assertThat(Arrays.stream(sizes(assignment, 7)).boxed()).allSatisfy(size -> assertThat(size).isBetween(1, 150));
    }

    @Test
    void shouldPartitionEmptyGraph() {
        assertThat(partitioner.partition(TaskGraph.of(job(List.of())), 3)).isEmpty();
    }

    @Test
    void shouldRejectNonPositivePartitionCount() {
        TaskGraph graph = TaskGraph.of(job(task("a")));

        assertThatThrownBy(() -> partitioner.partition(graph, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRecommendTheMultilevelPartitioner() {
        assertThat(GraphPartitioner.recommended()).isInstanceOf(MultilevelPartitioner.class);
    }

    @Test
    @Timeout(20)
    void shouldPartitionHundredThousandTasksWithinCapacity() {
        // given a wide ladder: 10,000 rungs of width 9 + hubs, 100,001 tasks
        TaskGraph graph = TaskGraph.of(job(Jobs.diamondLadder(10_000, 9)));
        int partitions = 64;

        // when
        int[] assignment = partitioner.partition(graph, partitions);

        // then
        int capacity = partitioner.capacity(graph.size(), partitions);
        assertThat(Arrays.stream(sizes(assignment, partitions)).max().orElseThrow()).isLessThanOrEqualTo(capacity);
        assertThat(PartitionQuality.of(graph, assignment, partitions).edgeCutRatio()).isLessThanOrEqualTo(0.01);
    }
}
