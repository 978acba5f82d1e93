package io.dagline.core.plan;

import io.dagline.core.model.JobSpec;
import io.dagline.core.sim.NamedPolicy;
import io.dagline.core.site.PlatformSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which pools are planned at submission, and with which policy. A pool not listed is not planned: its
 * tasks go to their own or the default site, first come first served (Spark's FIFO).
 *
 * <p>Configured as two lines: the platform ({@link PlatformSpec}) and {@code pool=policy[,pool=policy…]},
 * e.g. {@code science=dagline,batch=heft}.
 */
public record PoolPlanning(SubmissionPlanner planner, Map<String, NamedPolicy> policyByPool) {

    public static final String DEFAULT_POOL = "default";

    public PoolPlanning {
        policyByPool = Map.copyOf(policyByPool);
        if (planner == null && !policyByPool.isEmpty()) {
            throw new IllegalArgumentException("pools " + policyByPool.keySet() + " are planned, but no sites are declared");
        }
    }

    public static PoolPlanning none() {
        return new PoolPlanning(null, Map.of());
    }

    /** Nothing is planned when {@code pools} is blank; otherwise {@code sites} must declare the platform. */
    public static PoolPlanning parse(String sites, String pools) {
        if (pools == null || pools.isBlank()) {
            return none();
        }
        Map<String, NamedPolicy> policyByPool = new HashMap<>();
        for (String entry : pools.split(",")) {
            String[] parts = entry.trim().split("=");
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("pool policy '" + entry.trim() + "': expected pool=policy");
            }
            policyByPool.put(parts[0].trim(), SubmissionPlanner.policyNamed(parts[1]));
        }
        if (sites == null || sites.isBlank()) {
            throw new IllegalArgumentException("pools " + policyByPool.keySet() + " are planned, but no sites are declared");
        }
        return new PoolPlanning(new SubmissionPlanner(PlatformSpec.parse(sites)), policyByPool);
    }

    /** The plan for the job's pool, or empty when its pool is not planned. */
    public Optional<SubmissionPlanner.Plan> planFor(JobSpec job) {
        String pool = job.pool() == null ? DEFAULT_POOL : job.pool();
        NamedPolicy policy = policyByPool.get(pool);
        return policy == null ? Optional.empty() : Optional.of(planner.plan(job, policy));
    }
}
