package io.dagline.core.policy;

import static io.dagline.core.policy.Snapshots.dataAt;
import static io.dagline.core.policy.Snapshots.given;
import static io.dagline.core.policy.Snapshots.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class KOfNInputsTest {

    // 100 MB at fast, 200 MB at medium, 300 MB at slow; 100 MB/s between sites
    private static final ReadyTask ALL = task("t", 0, 6, 1, dataAt("fast", 100_000_000),
            dataAt("medium", 200_000_000), dataAt("slow", 300_000_000));

    @Test
    void shouldReadTheKCheapestInputsForTheSite() {
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1).site("medium", 0.6, 1).site("slow", 0.3, 1)
                .task(ALL).build();
        ReadyTask twoOfThree = ALL.withInputsNeeded(2);

        assertThat(snapshot.transferSeconds(ALL, "fast")).isCloseTo(5, offset(1e-9));
        // at fast: its own 100 MB free, then the 200 MB from medium (2 s), not the 300 MB from slow
        assertThat(snapshot.transferSeconds(twoOfThree, "fast")).isCloseTo(2, offset(1e-9));
        // at slow: its own, then fast's 100 MB (1 s)
        assertThat(snapshot.transferSeconds(twoOfThree, "slow")).isCloseTo(1, offset(1e-9));
        assertThat(ALL.withInputsNeeded(3).needsAllInputs()).isTrue();
    }

    @Test
    void shouldPlaceByTheKInputsWithTheBestLocality() {
        // one input: at fast it takes 6 s to run, nothing to read; at medium 10 s, nothing to read
        SchedulingSnapshot snapshot = given().site("fast", 1.0, 1).site("medium", 0.6, 1)
                .task(task("t", 0, 6, 1, dataAt("fast", 100_000_000), dataAt("medium", 2_000_000_000))
                        .withInputsNeeded(1)).build();

        assertThat(Policies.dagline().assign(snapshot)).containsExactly(new Assignment("t", "fast"));
    }
}
