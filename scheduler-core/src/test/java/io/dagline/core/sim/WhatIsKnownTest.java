package io.dagline.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.dagline.core.site.Network;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhatIsKnownTest {

    private static final Platform TWO_SPEEDS = new Platform(List.of(new Site("slow", 0.4, 4), new Site("fast", 1.0, 4)),
            Network.uniform(List.of("slow", "fast"), 1e8));

    /** Forty stages of eight independent tasks of 5 to 12 s, each stage after one task of the previous. */
    private static Workload stages() {
        List<WorkTask> tasks = new ArrayList<>();
        for (int stage = 0; stage < 40; stage++) {
            for (int i = 0; i < 8; i++) {
                List<Integer> previous = stage == 0 ? List.of() : List.of((stage - 1) * 8);
                tasks.add(new WorkTask("s" + stage + "-" + i, 5 + i, previous, List.of(), "default", null));
            }
        }
        return new Workload("stages", tasks);
    }

    @Test
    void shouldTellThatExactEstimatesAreExact() {
        assertThat(WhatIsKnown.EXACT.tell(stages(), TWO_SPEEDS).workload().estimateSpread()).isCloseTo(0, offset(1e-9));
    }

    @Test
    void shouldTellHowFarNoisyEstimatesAreOffWithoutTellingATasksRuntime() {
        Workload workload = stages();
        WhatIsKnown.Told told = new WhatIsKnown(new EstimateNoise(0.5, 7), false).tell(workload, TWO_SPEEDS);

        assertThat(told.workload().estimateSpread()).isCloseTo(0.5, offset(0.1));
        assertThat(told.workload().tasks()).isEqualTo(new EstimateNoise(0.5, 7).estimates(workload).tasks());
    }

    @Test
    void shouldMeasureTheSpreadAgainstTheLearntSpeedsWhenSpeedsAreLearnt() {
        WhatIsKnown.Told told = new WhatIsKnown(null, true).tell(stages(), TWO_SPEEDS);

        assertThat(told.platform().site("slow").speed()).isCloseTo(0.4, offset(0.04));
        assertThat(told.workload().estimateSpread()).isLessThan(0.1);
    }
}
