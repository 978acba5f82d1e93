package io.dagline.core.adaptive;

import io.dagline.core.policy.Assignment;
import io.dagline.core.policy.Policies;
import io.dagline.core.policy.ReadyTask;
import io.dagline.core.policy.SchedulingPolicy;
import io.dagline.core.policy.SchedulingSnapshot;
import io.dagline.core.policy.SiteState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An agent that picks the ordering policy at run time (see docs/decisions/0013-adaptive-policy.md). Each
 * call it classifies the ready tasks ({@link WorkloadClass}); per class a UCB1 bandit picks one of the candidate
 * policies for an epoch of {@code epochCalls} calls (or until the class changes), and is rewarded with the
 * useful utilisation seen over the epoch, averaged over time: for the tasks it started and still expects to run,
 * Σ runtime ÷ slot time held (the site's speed, less the share of the slot time spent moving inputs), over
 * Σ speed × slots. Every change of the policy in force is recorded ({@link #switches()}) for the job's events.
 *
 * <p>Unlike the other policies it has state, so one instance serves one job or one pool, from one thread.
 */
public final class AdaptivePolicy implements SchedulingPolicy {

    public static final double DEFAULT_COARSE_SECONDS = 30;
    public static final int DEFAULT_EPOCH_CALLS = 16;
    /**
     * How many epochs a prediction is worth: the predicted arm starts with as many at full reward, the others
     * with as many at none. Another arm is then tried only when the predicted one keeps slots idle far more
     * than it should (useful utilisation below about a third), i.e. when the estimates behind the prediction
     * look wrong.
     */
    public static final int PRIOR_EPOCHS = 16;

    /** A policy the agent may choose. */
    public record Candidate(String name, SchedulingPolicy policy) {
    }

    private final List<Candidate> candidates;
    private final double coarseSeconds;
    private final int epochCalls;
    private final Map<WorkloadClass, Ucb1> bandits = new EnumMap<>(WorkloadClass.class);
    private final List<PolicySwitch> switches = new ArrayList<>();
    private final long seed;
    private int predictedArm = -1;
    private WorkloadClass epochClass;
    private int arm = -1;
    private int callsInEpoch;
    private double epochStart;
    private double lastCall;
    private double lastUtilisation;
    private double utilisationSeconds;
    /** Expected finish and useful rate of each task this agent started. */
    private final List<double[]> running = new ArrayList<>();

    public AdaptivePolicy(List<Candidate> candidates, double coarseSeconds, int epochCalls, long seed) {
        if (candidates.isEmpty() || epochCalls < 1) {
            throw new IllegalArgumentException("needs a candidate and a positive epoch");
        }
        this.candidates = List.copyOf(candidates);
        this.coarseSeconds = coarseSeconds;
        this.epochCalls = epochCalls;
        this.seed = seed;
    }

    /** Dagline (waits for fast slots) against critical path (keeps every slot busy). */
    public static AdaptivePolicy standard(long seed) {
        return new AdaptivePolicy(List.of(new Candidate("dagline", Policies.dagline()),
                new Candidate("critical-path", Policies.criticalPath())), DEFAULT_COARSE_SECONDS, DEFAULT_EPOCH_CALLS,
                seed);
    }

    public List<SchedulingPolicy> candidatePolicies() {
        return candidates.stream().map(Candidate::policy).toList();
    }

    /**
     * Starts every class's bandit from a prediction (e.g. a replay of the job under each candidate at
     * submission): the arm predicted best is worth {@link #PRIOR_EPOCHS} epochs at full reward, every other as
     * many at none. Without it, the first epochs try each arm in turn, and one bad early choice (moving a large
     * input away from its site) can cost a job more than the agent ever wins back.
     */
    public AdaptivePolicy predicting(int arm) {
        if (arm < 0 || arm >= candidates.size()) {
            throw new IllegalArgumentException("no candidate " + arm);
        }
        predictedArm = arm;
        return this;
    }

    @Override
    public List<Assignment> assign(SchedulingSnapshot snapshot) {
        double now = snapshot.now();
        if (now < lastCall) {
            // a new job on a fresh clock (the simulator replays each job from 0): the last epoch ends unrewarded
            epochStart = now;
            utilisationSeconds = 0;
            callsInEpoch = epochCalls;
            running.clear();
            lastCall = now;
            lastUtilisation = 0;
        }
        utilisationSeconds += lastUtilisation * (now - lastCall);
        WorkloadClass workloadClass = WorkloadClass.of(snapshot.ready(), coarseSeconds);
        if (arm < 0 || workloadClass != epochClass || callsInEpoch >= epochCalls) {
            endEpoch(now);
            startEpoch(workloadClass, now);
        }
        callsInEpoch++;
        List<Assignment> assignments = candidates.get(arm).policy().assign(snapshot);
        lastUtilisation = usefulUtilisation(snapshot, assignments);
        lastCall = now;
        return assignments;
    }

    @Override
    public double nextDecisionTime(SchedulingSnapshot snapshot) {
        return arm < 0 ? Double.POSITIVE_INFINITY : candidates.get(arm).policy().nextDecisionTime(snapshot);
    }

    /** Every change of the policy in force, oldest first. */
    public List<PolicySwitch> switches() {
        return List.copyOf(switches);
    }

    /** The policy in force, or {@code null} before the first call. */
    public String current() {
        return arm < 0 ? null : candidates.get(arm).name();
    }

    /** Mean reward of each candidate for the class so far (NaN: never tried). */
    public Map<String, Double> meanRewards(WorkloadClass workloadClass) {
        Map<String, Double> rewards = new java.util.LinkedHashMap<>();
        Ucb1 bandit = bandits.get(workloadClass);
        for (int i = 0; i < candidates.size(); i++) {
            rewards.put(candidates.get(i).name(), bandit == null ? Double.NaN : bandit.meanReward(i));
        }
        return rewards;
    }

    private void endEpoch(double now) {
        if (arm >= 0 && now > epochStart) {
            bandits.get(epochClass).reward(arm, utilisationSeconds / (now - epochStart));
        }
    }

    private void startEpoch(WorkloadClass workloadClass, double now) {
        Ucb1 bandit = bandits.computeIfAbsent(workloadClass, c -> newBandit(seed + c.ordinal()));
        int chosen = bandit.choose();
        if (chosen != arm) {
            switches.add(new PolicySwitch(now, workloadClass, arm < 0 ? null : candidates.get(arm).name(),
                    candidates.get(chosen).name()));
        }
        arm = chosen;
        epochClass = workloadClass;
        callsInEpoch = 0;
        epochStart = now;
        utilisationSeconds = 0;
    }

    private Ucb1 newBandit(long banditSeed) {
        Ucb1 bandit = new Ucb1(candidates.size(), banditSeed);
        if (predictedArm >= 0) {
            for (int arm = 0; arm < candidates.size(); arm++) {
                bandit.prior(arm, PRIOR_EPOCHS, arm == predictedArm ? 1 : 0);
            }
        }
        return bandit;
    }

    /**
     * Σ over the tasks this agent started that are still expected to run of runtime ÷ time held (the site's speed,
     * less the share of the slot time spent moving inputs), over Σ speed × slots.
     */
    private double usefulUtilisation(SchedulingSnapshot snapshot, List<Assignment> assignments) {
        double now = snapshot.now();
        running.removeIf(task -> task[0] <= now);
        Map<String, ReadyTask> byId = new java.util.HashMap<>();
        snapshot.ready().forEach(task -> byId.put(task.taskId(), task));
        for (Assignment assignment : assignments) {
            ReadyTask task = byId.get(assignment.taskId());
            double held = snapshot.durationAt(task, snapshot.site(assignment.site()));
            if (held > 0) {
                running.add(new double[] {now + held, task.runtimeSeconds() / held});
            }
        }
        double capacity = 0;
        for (SiteState site : snapshot.sites()) {
            capacity += site.speed() * site.slots();
        }
        double useful = running.stream().mapToDouble(task -> task[1]).sum();
        return capacity > 0 ? Math.min(1, useful / capacity) : 0;
    }
}
