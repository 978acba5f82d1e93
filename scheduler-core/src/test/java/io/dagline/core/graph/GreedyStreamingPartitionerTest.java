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

class GreedyStreamingPartitionerTest {

    private final GreedyStreamingPartitioner partitioner = new GreedyStreamingPartitioner();

    private static int[] sizes(int[] assignment, int partitionCount) {
        int[] sizes = new int[partitionCount];
        for (int partition : assignment) {
            sizes[partition]++;
        }
        return sizes;
    }

    @Test
    void shouldKeepDisjointChainsWholeWhenThereIsOnePartitionPerChain() {
        // given 8 chains of 100 tasks, listed interleaved so job order does not give the chains away
        int chains = 8;
        TaskGraph graph = TaskGraph.of(job(Jobs.interleavedChains(chains, 100)));

        // when
        int[] assignment = partitioner.partition(graph, chains);

        // then
        PartitionQuality quality = PartitionQuality.of(graph, assignment, chains);
        assertThat(quality.edgeCutRatio()).isLessThanOrEqualTo(0.05);
        assertThat(quality.imbalance()).isLessThanOrEqualTo(1.05);
    }

    @Test
    void shouldCutDiamondLadderFarLessThanRoundRobin() {
        // given 50 diamonds of width 8 (451 tasks, 800 edges) over 4 partitions
        TaskGraph graph = TaskGraph.of(job(Jobs.diamondLadder(50, 8)));
        int partitions = 4;
        int[] roundRobin = IntStream.range(0, graph.size()).map(i -> i % partitions).toArray();

        // when
        int[] assignment = partitioner.partition(graph, partitions);

        // then each partition boundary cuts about one rung (16 edges), nowhere near round robin's 3/4
        PartitionQuality quality = PartitionQuality.of(graph, assignment, partitions);
        PartitionQuality baseline = PartitionQuality.of(graph, roundRobin, partitions);
        assertThat(quality.edgeCutRatio()).isLessThanOrEqualTo(0.1);
        assertThat(baseline.edgeCutRatio()).isGreaterThan(0.5);
        assertThat(quality.imbalance()).isLessThanOrEqualTo(1.05);
    }

    @Test
    void shouldGiveEveryPartitionATaskWhenThereAreAsManyPartitionsAsTasks() {
        TaskGraph graph = TaskGraph.of(job(Jobs.chain("t", 10)));

        int[] assignment = partitioner.partition(graph, 10);

        assertThat(sizes(assignment, 10)).containsOnly(1);
    }

    @Test
    void shouldFillEveryPartitionEvenWhenSlackWouldLetFewerSuffice() {
        // given one chain: greedy filling alone would use only ceil(1000 / 35) = 29 of 30 partitions
        TaskGraph graph = TaskGraph.of(job(Jobs.chain("t", 1000)));

        int[] assignment = partitioner.partition(graph, 30);

        assertThat(Arrays.stream(sizes(assignment, 30)).boxed()).allSatisfy(size -> assertThat(size).isBetween(1, 35));
    }

    @Test
    void shouldLeaveExtraPartitionsEmptyWhenThereAreMorePartitionsThanTasks() {
        TaskGraph graph = TaskGraph.of(job(task("a"), task("b", "a")));

        int[] assignment = partitioner.partition(graph, 5);

        assertThat(Arrays.stream(assignment).boxed()).allSatisfy(p -> assertThat(p).isBetween(0, 4));
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
    void shouldPartitionHundredThousandTasksWithinCapacity() {
        // given a wide ladder: 10,000 rungs of width 9 + hubs, 100,001 tasks
        TaskGraph graph = TaskGraph.of(job(Jobs.diamondLadder(10_000, 9)));
        int partitions = 64;

        // when
        int[] assignment = partitioner.partition(graph, partitions);

        // then
        int capacity = partitioner.capacity(graph.size(), partitions);
        assertThat(Arrays.stream(sizes(assignment, partitions)).max().orElseThrow()).isLessThanOrEqualTo(capacity);
        assertThat(PartitionQuality.of(graph, assignment, partitions).edgeCutRatio()).isLessThanOrEqualTo(0.05);
    }
}
