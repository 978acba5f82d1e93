package io.dagline.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import io.dagline.core.site.Platform;
import io.dagline.core.site.PlatformSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolPlanningTest {

    private static TaskSpec task(String id, long runtimeMs, String... dependencies) {
        return new TaskSpec(id, "replay", null, List.of(dependencies), null, runtimeMs, null, null, null, null, null);
    }

    @Test
    void shouldReadSitesAsNameSlotsAndSpeed() {
        Platform platform = PlatformSpec.parse("fast:8:1.0, medium:4:0.6,slow:2:0.3");

        assertThat(platform.siteNames()).containsExactly("fast", "medium", "slow");
        assertThat(platform.site("medium").slots()).isEqualTo(4);
        assertThat(platform.site("slow").speed()).isEqualTo(0.3);
        assertThatThrownBy(() -> PlatformSpec.parse("fast:eight:1.0")).hasMessageContaining("must be numbers");
        assertThatThrownBy(() -> PlatformSpec.parse("fast:8")).hasMessageContaining("name:slots:speed");
    }

    @Test
    void shouldKeepAChainOnTheFastSiteWhereItFinishesFirst() {
        PoolPlanning planning = PoolPlanning.parse("fast:1:1.0,slow:1:0.25", "science=dagline");
        JobSpec chain = new JobSpec("j", "chain", "science", List.of(task("a", 4000), task("b", 4000, "a")));

        SubmissionPlanner.Plan plan = planning.planFor(chain).orElseThrow();

        // On slow, b would take 16 s; waiting for fast costs nothing, as a follows it there.
        assertThat(plan.siteByTask()).containsEntry("a", "fast").containsEntry("b", "fast");
        assertThat(plan.predictedMakespanSeconds()).isEqualTo(8.0);
        assertThat(plan.policy()).isEqualTo("Dagline plan + repair");
        assertThat(plan.priorityByTask().get("a")).as("a goes first where it waits with b")
                .isGreaterThan(plan.priorityByTask().get("b"));
        assertThat(plan.startByTask()).as("when the plan starts each task, for the live repair")
                .containsEntry("a", 0.0).containsEntry("b", 4.0);
    }

    @Test
    void shouldPlanTheSameWithoutStartTimesWhenAskedForAStaticPlan() {
        PoolPlanning planning = PoolPlanning.parse("fast:1:1.0,slow:1:0.25", "science=dagline-static");
        JobSpec chain = new JobSpec("j", "chain", "science", List.of(task("a", 4000), task("b", 4000, "a")));

        SubmissionPlanner.Plan plan = planning.planFor(chain).orElseThrow();

        assertThat(plan.policy()).isEqualTo("Dagline plan");
        assertThat(plan.siteByTask()).containsEntry("a", "fast").containsEntry("b", "fast");
        assertThat(plan.startByTask()).isEmpty();
    }

    @Test
    void shouldStillPlanWithTheOnlineDaglinePolicyWhenAskedByName() {
        PoolPlanning planning = PoolPlanning.parse("fast:1:1.0,slow:1:0.25", "science=dagline-online");
        JobSpec chain = new JobSpec("j", "chain", "science", List.of(task("a", 4000), task("b", 4000, "a")));

        SubmissionPlanner.Plan plan = planning.planFor(chain).orElseThrow();

        assertThat(plan.policy()).isEqualTo("Dagline");
        assertThat(plan.priorityByTask()).as("ordered by upward rank").isEmpty();
        assertThat(plan.siteByTask()).containsEntry("a", "fast").containsEntry("b", "fast");
    }

    @Test
    void shouldSendTheSecondOfTwoParallelTasksToTheSlowerSiteWhenItFinishesThereFirst() {
        PoolPlanning planning = PoolPlanning.parse("fast:1:1.0,slow:1:0.8", "science=dagline");
        JobSpec pair = new JobSpec("j", "pair", "science", List.of(task("a", 4000), task("b", 4000)));

        SubmissionPlanner.Plan plan = planning.planFor(pair).orElseThrow();

        // The second task finishes at 5 s on slow (4 / 0.8) but at 8 s behind the first on fast.
        assertThat(plan.siteByTask().values()).containsExactlyInAnyOrder("fast", "slow");
        assertThat(plan.predictedMakespanSeconds()).isEqualTo(5.0);
    }

    @Test
    void shouldNotPlanAPoolWithoutAPolicy() {
        PoolPlanning planning = PoolPlanning.parse("fast:1:1.0", "science=heft");

        assertThat(planning.planFor(new JobSpec("j", "x", "batch", List.of(task("a", 1000))))).isEmpty();
        assertThat(planning.planFor(new JobSpec("j", "x", null, List.of(task("a", 1000))))).isEmpty();
        assertThat(PoolPlanning.none().planFor(new JobSpec("j", "x", "science", List.of(task("a", 1000))))).isEmpty();
    }

    @Test
    void shouldRefuseUnknownPoliciesAndPlannedPoolsWithoutSites() {
        assertThatThrownBy(() -> PoolPlanning.parse("fast:1:1.0", "science=magic"))
                .hasMessageContaining("unknown planning policy 'magic'");
        assertThatThrownBy(() -> PoolPlanning.parse("", "science=dagline")).hasMessageContaining("no sites");
        assertThat(PoolPlanning.parse("", "").policyByPool()).isEmpty();
    }
}
