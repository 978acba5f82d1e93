package io.dagline.core.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.Resources;
import io.dagline.core.policy.Assignment;
import io.dagline.core.policy.Policies;
import io.dagline.core.policy.ReadyTask;
import io.dagline.core.policy.SchedulingPolicy;
import io.dagline.core.policy.SchedulingSnapshot;
import io.dagline.core.policy.SiteState;
import io.dagline.core.site.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdaptivePolicyTest {

    private static ReadyTask task(String id, double runtime) {
        return new ReadyTask(id, "job", 0, "default", runtime, 1, 0, 0, List.of(), null);
    }

    private static List<ReadyTask> runtimes(double... runtimes) {
        List<ReadyTask> tasks = new ArrayList<>();
        for (int i = 0; i < runtimes.length; i++) {
            tasks.add(task("t" + i, runtimes[i]));
        }
        return tasks;
    }

    private static SchedulingSnapshot fourFreeSlots(double now, List<ReadyTask> ready) {
        return new SchedulingSnapshot(now, ready, List.of(new SiteState("s", 1.0, 4, List.of())),
                Network.uniform(List.of("s"), 1e8), Map.of(), Map.of(), new Resources(4, 1 << 20));
    }

    /** Starts one task per call: leaves three of four slots idle. */
    private static final SchedulingPolicy ONE_AT_A_TIME = snapshot -> {
        List<Assignment> all = Policies.fifo().assign(snapshot);
        return all.isEmpty() ? all : all.subList(0, 1);
    };

    @Test
    void shouldClassifyByTheRuntimesOfTheReadyTasks() {
        assertThat(WorkloadClass.of(runtimes(1, 2, 3), 30)).isEqualTo(WorkloadClass.FINE);
        assertThat(WorkloadClass.of(runtimes(40, 50, 60), 30)).isEqualTo(WorkloadClass.COARSE);
        // mean 25.75, standard deviation 42.9: spread 1.67
        assertThat(WorkloadClass.of(runtimes(1, 1, 1, 100), 30)).isEqualTo(WorkloadClass.MIXED);
        assertThat(WorkloadClass.of(List.of(), 30)).isEqualTo(WorkloadClass.FINE);
    }

    @Test
    void shouldTryEveryArmOnceThenPreferTheBetterOne() {
        Ucb1 bandit = new Ucb1(2, 7);
        int first = bandit.choose();
        bandit.reward(first, first == 0 ? 0.9 : 0.1);
        int second = bandit.choose();
        assertThat(second).isNotEqualTo(first);
        bandit.reward(second, second == 0 ? 0.9 : 0.1);
        for (int i = 0; i < 100; i++) {
            int arm = bandit.choose();
            bandit.reward(arm, arm == 0 ? 0.9 : 0.1);
        }

        assertThat(bandit.pulls(0)).isGreaterThan(5 * bandit.pulls(1));
    }

    @Test
    void shouldLearnToUseThePolicyThatKeepsTheSlotsBusy() {
        AdaptivePolicy agent = new AdaptivePolicy(List.of(new AdaptivePolicy.Candidate("lazy", ONE_AT_A_TIME),
                new AdaptivePolicy.Candidate("fifo", Policies.fifo())), 30, 2, 1);
        int fifoCalls = 0;
        for (int call = 0; call < 200; call++) {
            agent.assign(fourFreeSlots(call, runtimes(1, 1, 1, 1, 1)));
            if (call >= 100 && agent.current().equals("fifo")) {
                fifoCalls++;
            }
        }

        assertThat(agent.meanRewards(WorkloadClass.FINE).get("fifo")).isEqualTo(1.0);
        assertThat(agent.meanRewards(WorkloadClass.FINE).get("lazy")).isEqualTo(0.25);
        assertThat(fifoCalls).isGreaterThan(80);
    }

    @Test
    void shouldRecordEverySwitchWithItsTimeAndClass() {
        AdaptivePolicy agent = new AdaptivePolicy(List.of(new AdaptivePolicy.Candidate("lazy", ONE_AT_A_TIME),
                new AdaptivePolicy.Candidate("fifo", Policies.fifo())), 30, 2, 1);
        for (int call = 0; call < 10; call++) {
            agent.assign(fourFreeSlots(call, runtimes(1, 1, 1, 1, 1)));
        }
        agent.assign(fourFreeSlots(10, runtimes(60, 60, 60, 60)));

        List<PolicySwitch> switches = agent.switches();
        assertThat(switches.get(0)).isEqualTo(new PolicySwitch(0, WorkloadClass.FINE, null, switches.get(0).to()));
        assertThat(switches).extracting(PolicySwitch::time).isSorted();
        for (int i = 1; i < switches.size(); i++) {
            assertThat(switches.get(i).from()).isEqualTo(switches.get(i - 1).to()).isNotEqualTo(switches.get(i).to());
        }
        assertThat(agent.meanRewards(WorkloadClass.COARSE).values()).containsOnly(Double.NaN);
    }

    @Test
    void shouldCarryWhatItLearntIntoAJobOnAFreshClock() {
        AdaptivePolicy agent = new AdaptivePolicy(List.of(new AdaptivePolicy.Candidate("lazy", ONE_AT_A_TIME),
                new AdaptivePolicy.Candidate("fifo", Policies.fifo())), 30, 2, 1);
        for (int call = 0; call < 100; call++) {
            agent.assign(fourFreeSlots(call, runtimes(1, 1, 1, 1, 1)));
        }
        Map<String, Double> learnt = agent.meanRewards(WorkloadClass.FINE);

        agent.assign(fourFreeSlots(0, runtimes(1, 1, 1, 1, 1)));
        agent.assign(fourFreeSlots(1, runtimes(1, 1, 1, 1, 1)));

        assertThat(agent.meanRewards(WorkloadClass.FINE)).isEqualTo(learnt);
        assertThat(agent.current()).isEqualTo("fifo");
    }

    @Test
    void shouldStartFromThePredictedArmAndKeepItWhileItKeepsTheSlotsBusy() {
        AdaptivePolicy agent = new AdaptivePolicy(List.of(new AdaptivePolicy.Candidate("fifo", Policies.fifo()),
                new AdaptivePolicy.Candidate("lazy", ONE_AT_A_TIME)), 30, 2, 1).predicting(1);
        agent.assign(fourFreeSlots(0, runtimes(1, 1, 1, 1, 1)));
        assertThat(agent.current()).as("the prediction, before any reward").isEqualTo("lazy");

        AdaptivePolicy busy = new AdaptivePolicy(List.of(new AdaptivePolicy.Candidate("lazy", ONE_AT_A_TIME),
                new AdaptivePolicy.Candidate("fifo", Policies.fifo())), 30, 2, 1).predicting(1);
        for (int call = 0; call < 200; call++) {
            busy.assign(fourFreeSlots(call, runtimes(1, 1, 1, 1, 1)));
        }
        assertThat(busy.switches()).as("never tries the other arm while the predicted one does well")
                .extracting(PolicySwitch::to).containsOnly("fifo");
    }

    @Test
    void shouldCountAPriorAsPullsAlreadyMade() {
        Ucb1 bandit = new Ucb1(2, 7);
        bandit.prior(1, 16, 1.0);
        bandit.prior(0, 16, 0.0);

        assertThat(bandit.choose()).isEqualTo(1);
        assertThat(bandit.pulls(1)).isEqualTo(16);
        assertThat(bandit.meanReward(0)).isEqualTo(0.0);
    }
}
