package io.dagline.core.pools;

import io.dagline.core.adaptive.AdaptivePolicy;
import io.dagline.core.policy.Assignment;
import io.dagline.core.policy.FairPools;
import io.dagline.core.policy.HeftPolicy;
import io.dagline.core.policy.Policies;
import io.dagline.core.policy.Prioritized;
import io.dagline.core.policy.ReadyTask;
import io.dagline.core.policy.SchedulingPolicy;
import io.dagline.core.policy.SchedulingSnapshot;
import io.dagline.core.policy.SiteState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The pools file as one policy: FAIR between pools (Spark: a pool below its minShare first, else the lowest
 * running/weight), and inside each pool its own ordering, with job priority first ({@link Prioritized}).
 *
 * <p>Each free slot in turn goes to the neediest pool that can still start a task; that pool's policy is asked
 * which of its tasks starts where, on the slots still free. Its answer is kept for the pool's next turns and
 * asked again only when an earlier answer no longer fits (another pool took the slot). One policy instance per
 * pool, created on first use, so a stateful ordering (adaptive) learns per pool.
 */
public final class PoolPolicies implements SchedulingPolicy {

    private final Pools pools;
    private final FairPools shares;
    private final Function<PoolOrdering, SchedulingPolicy> factory;
    private final Map<String, SchedulingPolicy> policyByPool = new HashMap<>();

    public PoolPolicies(Pools pools) {
        this(pools, PoolPolicies::standard);
    }

    public PoolPolicies(Pools pools, Function<PoolOrdering, SchedulingPolicy> factory) {
        this.pools = pools;
        this.shares = pools.fairShares();
        this.factory = factory;
    }

    /** The policy each ordering names, as used inside one pool. */
    public static SchedulingPolicy standard(PoolOrdering ordering) {
        return switch (ordering) {
            case FIFO -> Policies.fifo();
            case FAIR -> new JobsAsPools(Policies.fair(FairPools.defaults()));
            case DRF -> new JobsAsPools(Policies.drf());
            case CRITICAL_PATH -> Policies.criticalPath();
            case DAGLINE -> Policies.dagline();
            case HEFT -> new HeftPolicy(Map.of());
            case ADAPTIVE -> AdaptivePolicy.standard(0);
        };
    }

    /** The policy of the pool, job priority first; the same instance on every call. */
    public SchedulingPolicy policyOf(String pool) {
        return policyByPool.computeIfAbsent(pool, name -> new Prioritized(factory.apply(pools.pool(name).ordering())));
    }

    @Override
    public List<Assignment> assign(SchedulingSnapshot snapshot) {
        Map<String, Integer> running = new HashMap<>(snapshot.runningByPool());
        TreeSet<String> waiting = new TreeSet<>();
        snapshot.ready().forEach(task -> waiting.add(poolOf(task)));
        Map<String, Deque<Assignment>> answers = new HashMap<>();
        List<Assignment> assignments = new ArrayList<>();
        SchedulingSnapshot current = snapshot;
        while (current.freeSlots() > 0 && !waiting.isEmpty()) {
            String pool = waiting.stream().min(shares.fairOrder(running)).orElseThrow();
            Assignment next = nextFitting(answers.get(pool), current);
            if (next == null) {
                SchedulingSnapshot poolView = current.withReady(current.ready().stream()
                        .filter(task -> poolOf(task).equals(pool)).toList());
                answers.put(pool, new ArrayDeque<>(policyOf(pool).assign(poolView)));
                next = nextFitting(answers.get(pool), current);
            }
            if (next == null) {
                waiting.remove(pool);
                continue;
            }
            assignments.add(next);
            current = current.afterStarting(List.of(next));
            running.merge(pool, 1, Integer::sum);
            if (current.ready().stream().noneMatch(task -> poolOf(task).equals(pool))) {
                waiting.remove(pool);
            }
        }
        return assignments;
    }

    @Override
    public double nextDecisionTime(SchedulingSnapshot snapshot) {
        double next = Double.POSITIVE_INFINITY;
        for (var entry : policyByPool.entrySet()) {
            String pool = entry.getKey();
            next = Math.min(next, entry.getValue().nextDecisionTime(snapshot.withReady(snapshot.ready().stream()
                    .filter(task -> poolOf(task).equals(pool)).toList())));
        }
        return next;
    }

    private static Assignment nextFitting(Deque<Assignment> answer, SchedulingSnapshot current) {
        while (answer != null && !answer.isEmpty()) {
            Assignment candidate = answer.pollFirst();
            boolean stillReady = current.ready().stream().anyMatch(task -> task.taskId().equals(candidate.taskId()));
            SiteState site = current.site(candidate.site());
            if (stillReady && site.freeSlots() > 0) {
                return candidate;
            }
            answer.clear();
        }
        return null;
    }

    private static String poolOf(ReadyTask task) {
        return task.pool() == null ? PoolConfig.DEFAULT_POOL : task.pool();
    }
}
