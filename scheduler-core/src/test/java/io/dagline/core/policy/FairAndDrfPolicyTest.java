package io.dagline.core.policy;

import static io.dagline.core.policy.Snapshots.given;
import static io.dagline.core.policy.Snapshots.pooled;
import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.Resources;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FairAndDrfPolicyTest {

    private static Map<String, Long> perPool(List<Assignment> assignments) {
        return assignments.stream().collect(Collectors.groupingBy(a -> a.taskId().substring(0, 1),
                Collectors.counting()));
    }

    private static Snapshots tenTasksEach(String... pools) {
        Snapshots snapshot = given();
        long sequence = 0;
        for (String pool : pools) {
            for (int i = 0; i < 10; i++) {
                snapshot.task(pooled(pool + i, sequence++, pool, null));
            }
        }
        return snapshot;
    }

    @Test
    void shouldGiveEachPoolItsMinShareThenShareByWeight() {
        FairPools pools = FairPools.parse("""
                # name weight minShare
                A 1 2
                B 3 0
                """);
        SchedulingSnapshot snapshot = tenTasksEach("A", "B").site("fast", 1.0, 8).build();

        assertThat(perPool(Policies.fair(pools).assign(snapshot))).isEqualTo(Map.of("A", 2L, "B", 6L));
    }

    @Test
    void shouldServeTheNeediestPoolFirst() {
        FairPools pools = FairPools.parse("A 1 4\nB 1 4");
        SchedulingSnapshot snapshot = tenTasksEach("A", "B").running("A", 3).site("fast", 1.0, 4).build();

        // A runs 3 of its minShare 4, B none: B gets three slots until it ties with A at 3/4, then A (by name)
        assertThat(perPool(Policies.fair(pools).assign(snapshot))).isEqualTo(Map.of("A", 1L, "B", 3L));
    }

    @Test
    void shouldSplitEquallyAmongDefaultPools() {
        SchedulingSnapshot snapshot = tenTasksEach("A", "B", "C").site("fast", 1.0, 6).build();

        assertThat(perPool(Policies.fair(FairPools.defaults()).assign(snapshot)))
                .isEqualTo(Map.of("A", 2L, "B", 2L, "C", 2L));
    }

    @Test
    void shouldEqualiseDominantSharesLikeTheDrfPaper() {
        // Ghodsi et al.: 9 cpu, 18 GB; A's tasks <1 cpu, 4 GB>, B's <3 cpu, 1 GB> → A runs 3, B runs 2
        Snapshots builder = given().site("fast", 1.0, 20).capacity(new Resources(9, 18 * 1024));
        for (int i = 0; i < 10; i++) {
            builder.task(pooled("A" + i, i, "A", new Resources(1, 4 * 1024)));
            builder.task(pooled("B" + i, 100 + i, "B", new Resources(3, 1024)));
        }

        assertThat(perPool(Policies.drf().assign(builder.build()))).isEqualTo(Map.of("A", 3L, "B", 2L));
    }
}
