package io.dagline.core.graph;

import static io.dagline.core.testing.Jobs.job;
import static io.dagline.core.testing.Jobs.task;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphCutTest {

    @Test
    void shouldSplitSuccessorsIntoLocalAndRemote() {
        // given a fans out to b, c, d; a and b in partition 0, c in 1, d in 2
        TaskGraph graph = TaskGraph.of(job(task("a"), task("b", "a"), task("c", "a"), task("d", "a")));

        // when
        GraphCut cut = GraphCut.of(graph, new int[] {0, 0, 1, 2}, 4);

        // then
        assertThat(cut.partitionCount()).isEqualTo(4);
        assertThat(cut.tasksOf(0)).containsExactly(0, 1);
        assertThat(cut.tasksOf(3)).isEmpty();
        assertThat(cut.partitionOf(2)).isEqualTo(1);
        assertThat(cut.localSuccessors(0)).containsExactly(1);
        assertThat(cut.remoteSuccessors(0)).containsExactly(2, 3);
        assertThat(cut.remotePartitions(0)).containsExactly(1, 2);
        assertThat(cut.remoteSuccessors(1)).isEmpty();
    }
}
