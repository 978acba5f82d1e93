package io.dagline.core.graph;

import static io.dagline.core.testing.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpwardRankTest {

    private static TaskSpec task(String id, Long runtimeMs, String... dependencies) {
        return new TaskSpec(id, "fn", null, List.of(dependencies), null, runtimeMs, null, null, null, null, null);
    }

    @Test
    void shouldAddLongestRemainingPathToOwnRuntime() {
        // given a -> {b (10 ms), c (default 5 ms)} -> d (1 ms), a takes 2 ms
        TaskGraph graph = TaskGraph.of(job(
                task("a", 2L), task("b", 10L, "a"), task("c", null, "a"), task("d", 1L, "b", "c")));

        // when
        double[] rank = UpwardRank.compute(graph, 5);

        // then
        assertThat(rank).containsExactly(13, 11, 6, 1);
    }

    @Test
    void shouldHandleDeepChainsWithoutRecursion() {
        TaskGraph graph = TaskGraph.of(job(io.dagline.core.testing.Jobs.chain("t", 100_000)));

        double[] rank = UpwardRank.compute(graph, 1);

        assertThat(rank[0]).isEqualTo(100_000);
        assertThat(rank[99_999]).isEqualTo(1);
    }
}
