package io.dagline.core.policy;

/** The named policies, as configurations of the few policy classes. */
public final class Policies {

    private Policies() {
    }

    /** Spark's FIFO: submission and readiness order, any free slot, local data preferred. */
    public static SchedulingPolicy fifo() {
        return new ListPolicy(false, TaskOrder.FIFO, SiteRule.LOCALITY, 0);
    }

    public static SchedulingPolicy fair(FairPools pools) {
        return new FairPolicy(pools);
    }

    public static SchedulingPolicy drf() {
        return new DrfPolicy();
    }

    /** Highest upward rank first, on the fastest site with a free slot. */
    public static SchedulingPolicy criticalPath() {
        return new ListPolicy(false, TaskOrder.UPWARD_RANK, SiteRule.FASTEST_FREE, 0);
    }

    /** STSID: tasks pinned by immovable data first, then the given order, on the site the rule picks. */
    public static SchedulingPolicy stsid(TaskOrder order, SiteRule rule, long seed) {
        return new ListPolicy(true, order, rule, seed);
    }

    /**
     * Dagline's default: immovable-input tasks first, then highest upward rank, each on the site where it
     * finishes first (waiting for a busy fast site when that is quicker than a free slow one).
     */
    public static SchedulingPolicy dagline() {
        return new ListPolicy(true, TaskOrder.UPWARD_RANK, SiteRule.EARLIEST_FINISH, 0);
    }
}
