package io.dagline.core.graph;

import static io.dagline.core.testing.Jobs.job;
import static io.dagline.core.testing.Jobs.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.core.testing.Jobs;
import org.junit.jupiter.api.Test;

class TaskGraphTest {

    @Test
    void shouldNumberTasksInJobOrderAndLinkBothDirections() {
        // given a diamond listed sink first
        TaskGraph graph = TaskGraph.of(job(task("d", "b", "c"), task("b", "a"), task("c", "a"), task("a")));

        // then
        assertThat(graph.size()).isEqualTo(4);
        assertThat(graph.id(0)).isEqualTo("d");
        assertThat(graph.index("a")).isEqualTo(3);
        assertThat(graph.index("nope")).isEqualTo(-1);
        assertThat(graph.task(1).id()).isEqualTo("b");
        assertThat(graph.successors(3)).containsExactly(1, 2);
        assertThat(graph.predecessors(0)).containsExactly(1, 2);
        assertThat(graph.edgeCount()).isEqualTo(4);
    }

    @Test
    void shouldOrderTopologicallyBreakingTiesByIndex() {
        TaskGraph graph = TaskGraph.of(job(task("d", "b", "c"), task("c", "a"), task("b", "a"), task("a"), task("e")));

        assertThat(graph.topologicalOrder()).containsExactly(3, 1, 2, 0, 4);
    }

    @Test
    void shouldNotLetCallersChangeTheGraphThroughReturnedArrays() {
        TaskGraph graph = TaskGraph.of(job(task("a"), task("b", "a")));

        graph.successors(0)[0] = 99;

        assertThat(graph.successors(0)).containsExactly(1);
    }

    @Test
    void shouldRefuseToOrderCyclicGraph() {
        TaskGraph graph = TaskGraph.of(job(task("a", "b"), task("b", "a")));

        assertThatThrownBy(graph::topologicalOrder).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseUnknownDependencyInsteadOfBuildingWrongGraph() {
        assertThatThrownBy(() -> TaskGraph.of(job(task("a", "zz")))).hasMessageContaining("\"zz\"");
    }

    @Test
    void shouldOrderHundredThousandTaskChain() {
        TaskGraph graph = TaskGraph.of(job(Jobs.chain("t", 100_000)));

        int[] order = graph.topologicalOrder();

        assertThat(order).hasSize(100_000);
        assertThat(order[99_999]).isEqualTo(99_999);
    }
}
