package io.dagline.core.sim;

import io.dagline.core.adaptive.AdaptivePolicy;
import io.dagline.core.policy.DelayScheduling;
import io.dagline.core.policy.FairPools;
import io.dagline.core.policy.Policies;
import io.dagline.core.policy.SiteRule;
import io.dagline.core.policy.TaskOrder;
import java.util.List;

/** Every policy the report compares, baselines first. */
public final class PolicyCatalog {

    public static final long RANDOM_ORDER_SEED = 42;

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
    /** A fresh agent per workflow, so each result is what it learns within one run. */
    public static final NamedPolicy ADAPTIVE = new NamedPolicy("Adaptive",
            (workload, platform) -> AdaptivePolicy.standard(RANDOM_ORDER_SEED));

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
                HEFT, DAGLINE, DAGLINE_CHOICE, ADAPTIVE);
    }

    private static NamedPolicy online(String name, io.dagline.core.policy.SchedulingPolicy policy) {
        return new NamedPolicy(name, (workload, platform) -> policy);
    }
}
