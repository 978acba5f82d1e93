package io.dagline.core.policy;

import static io.dagline.core.policy.Snapshots.given;
import static io.dagline.core.policy.Snapshots.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrioritizedTest {

    @Test
    void shouldStartHigherPriorityTasksFirstThenTheInnerOrder() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1).site("slow", 0.3, 1)
                .task(task("first", 0, 10, 1)).task(task("urgent", 1, 10, 1).withPriority(2))
                .task(task("also-urgent", 2, 10, 1).withPriority(2)).build();

        List<Assignment> started = new Prioritized(Policies.fifo()).assign(snapshot);

        assertThat(started).extracting(Assignment::taskId).containsExactly("urgent", "also-urgent");
    }

    @Test
    void shouldGiveLowerPrioritiesTheSlotsLeft() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 3)
                .task(task("low", 0, 10, 1)).task(task("high", 1, 10, 1).withPriority(1)).build();

        List<Assignment> started = new Prioritized(Policies.fifo()).assign(snapshot);

        assertThat(started).containsExactly(new Assignment("high", "fast"), new Assignment("low", "fast"));
    }

    @Test
    void shouldBeTheInnerPolicyWhenAllShareOnePriority() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1, 30.0).site("slow", 0.3, 2)
                .task(task("a", 0, 10, 5)).task(task("b", 1, 10, 9)).build();

        assertThat(new Prioritized(Policies.dagline()).assign(snapshot))
                .isEqualTo(Policies.dagline().assign(snapshot));
    }
}
