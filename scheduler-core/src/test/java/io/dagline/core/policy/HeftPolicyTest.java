package io.dagline.core.policy;

import static io.dagline.core.policy.Snapshots.given;
import static io.dagline.core.policy.Snapshots.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeftPolicyTest {

    @Test
    void shouldStartTasksOnlyOnTheirPlannedSiteInRankOrder() {
        HeftPolicy policy = new HeftPolicy(Map.of("low", "slow", "high", "fast", "waiting", "fast"));
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1).site("slow", 0.3, 1)
                .task(task("low", 0, 1, 1)).task(task("waiting", 1, 1, 5)).task(task("high", 2, 1, 9)).build();

        assertThat(policy.assign(snapshot))
                .containsExactly(new Assignment("high", "fast"), new Assignment("low", "slow"));
    }
}
