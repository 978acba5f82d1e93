package io.dagline.core.sim;

import io.dagline.core.adaptive.AdaptivePolicy;
import io.dagline.core.policy.DelayScheduling;
import io.dagline.core.policy.FairPools;
import io.dagline.core.policy.Policies;
import io.dagline.core.policy.SchedulingPolicy;
import io.dagline.core.policy.SiteRule;
import io.dagline.core.policy.TaskOrder;
import io.dagline.core.site.Platform;
import java.util.List;

/** Every policy the report compares, baselines first. */
public final class PolicyCatalog {

    public static final long RANDOM_ORDER_SEED = 42;
    static final int PREDICTION_SAMPLES = 8;
    /**
     * How far the agent assumes runtime estimates may be off when no earlier run says: the spread
     * {@code SpeedEstimator} starts from.
     */
    static final double PREDICTION_SIGMA = 0.5;
    static final long PREDICTION_SEED = 100;

    public static final NamedPolicy FIFO = online("FIFO", Policies.fifo());
    public static final NamedPolicy FAIR = online("FAIR", Policies.fair(FairPools.defaults()));
    public static final NamedPolicy HEFT = new NamedPolicy("HEFT", HeftPlanner::policy);
    public static final NamedPolicy DAGLINE = online("Dagline", Policies.dagline());
    public static final NamedPolicy CRITICAL_PATH = online("critical path", Policies.criticalPath());
    /** Replays the job under each candidate at submission and keeps the shortest (see {@link SimulatedChoice}). */
    public static final NamedPolicy DAGLINE_CHOICE = new NamedPolicy("Dagline choice",
            (workload, platform) -> SimulatedChoice.choose(workload, platform, List.of(DAGLINE, CRITICAL_PATH, HEFT)));

    /** Spark's default {@code spark.locality.wait}. */
    public static final double LOCALITY_WAIT_SECONDS = 3;
    public static final NamedPolicy FIFO_DELAY = online("FIFO + delay 3 s",
            new DelayScheduling(Policies.fifo(), LOCALITY_WAIT_SECONDS));
    /**
     * A fresh agent per workflow, so each result is what it learns within one run, started from the arm a replay
     * of the job under each arm predicts best (with the runtimes it is told).
     */
    public static final NamedPolicy ADAPTIVE = new NamedPolicy("Adaptive", PolicyCatalog::predictedAdaptive);

    /** A search over static plans at submission, judged by replaying the job (see {@link PlanSearch}). */
    public static final NamedPolicy DAGLINE_PLAN = new NamedPolicy("Dagline plan", PlanSearch::policy);
    /**
     * The search's plan, repaired where runtimes put a task behind its planned start: what pools planned with
     * {@code dagline} run live (decision 0029; the live repair sees less than this one, see there).
     */
    public static final NamedPolicy DAGLINE_PLAN_REPAIRED = new NamedPolicy("Dagline plan + repair",
            (workload, platform) -> PlanSearch.plan(workload, platform).repairingPolicy());

    private PolicyCatalog() {
    }

    public static List<NamedPolicy> all() {
        return List.of(FIFO, FIFO_DELAY, FAIR,
                online("DRF", Policies.drf()),
                CRITICAL_PATH,
                online("STSID EST+EFT", Policies.stsid(TaskOrder.EARLIEST_START, SiteRule.EARLIEST_FINISH, 0)),
                online("STSID float+EFT", Policies.stsid(TaskOrder.SHORTEST_FLOAT, SiteRule.EARLIEST_FINISH, 0)),
                online("STSID random+EFT", Policies.stsid(TaskOrder.RANDOM, SiteRule.EARLIEST_FINISH,
                        RANDOM_ORDER_SEED)),
                online("STSID float+EAT", Policies.stsid(TaskOrder.SHORTEST_FLOAT, SiteRule.EARLIEST_AVAILABLE, 0)),
                online("STSID float+waste", Policies.stsid(TaskOrder.SHORTEST_FLOAT, SiteRule.SMALLEST_WASTE, 0)),
                HEFT, DAGLINE, DAGLINE_CHOICE, ADAPTIVE, DAGLINE_PLAN, DAGLINE_PLAN_REPAIRED);
    }

    /**
     * The agent, started from the arm with the least expected regret over replays of the job: one with the runtime
     * estimates and, unless they are known to be exact, {@link #PREDICTION_SAMPLES} with runtimes drawn around them,
     * as far off as earlier runs showed the estimates to be ({@link Workload#estimateSpread()}; σ =
     * {@link #PREDICTION_SIGMA} when nothing says), every replay weighing the same. In each replay an arm's regret is
     * its makespan over the best arm's. Not knowing how far off the estimates were, no weighting could tell the cases
     * apart: trusting the estimates picked the 24 %-slower arm on blast with noisy estimates, trusting the draws
     * picked a 5 %-slower one on cycles with exact estimates (decisions 0024 and 0027).
     */
    static AdaptivePolicy predictedAdaptive(Workload workload, Platform platform) {
        AdaptivePolicy agent = AdaptivePolicy.standard(RANDOM_ORDER_SEED);
        List<SchedulingPolicy> arms = agent.candidatePolicies();
        SimulationOptions told = SimulationOptions.exact().withEstimates(workload);
        double sigma = Double.isNaN(workload.estimateSpread()) ? PREDICTION_SIGMA : workload.estimateSpread();
        int draws = sigma > 0 ? PREDICTION_SAMPLES : 0;
        double[] expectedRegret = new double[arms.size()];
        for (int sample = 0; sample <= draws; sample++) {
            Workload drawn = sample == 0 ? workload
                    : new EstimateNoise(sigma, PREDICTION_SEED + sample).estimates(workload);
            double[] makespan = new double[arms.size()];
            double shortest = Double.POSITIVE_INFINITY;
            for (int arm = 0; arm < arms.size(); arm++) {
                makespan[arm] = Simulator.run(drawn, platform, arms.get(arm), told).makespan();
                shortest = Math.min(shortest, makespan[arm]);
            }
            for (int arm = 0; arm < arms.size(); arm++) {
                expectedRegret[arm] += makespan[arm] / shortest / (draws + 1);
            }
        }
        int best = 0;
        for (int arm = 1; arm < arms.size(); arm++) {
            if (expectedRegret[arm] < expectedRegret[best]) {
                best = arm;
            }
        }
        return agent.predicting(best);
    }

    private static NamedPolicy online(String name, SchedulingPolicy policy) {
        return new NamedPolicy(name, (workload, platform) -> policy);
    }
}
