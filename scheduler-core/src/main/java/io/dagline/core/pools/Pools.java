package io.dagline.core.pools;

import io.dagline.core.policy.FairPools;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every configured pool, and the ordering of pools nobody configured. */
public record Pools(Map<String, PoolConfig> configured, PoolOrdering defaultOrdering) {

    public Pools {
        configured = Map.copyOf(configured);
    }

    public static Pools none() {
        return new Pools(Map.of(), PoolOrdering.DAGLINE);
    }

    public PoolConfig pool(String name) {
        PoolConfig pool = configured.get(name);
        return pool != null ? pool : PoolConfig.unconfigured(name, defaultOrdering);
    }

    /** The weights and minShares, for FAIR between pools. */
    public FairPools fairShares() {
        Map<String, FairPools.Pool> shares = new LinkedHashMap<>();
        configured.values().forEach(pool -> shares.put(pool.name(),
                new FairPools.Pool(pool.name(), pool.weight(), pool.minShare())));
        return new FairPools(shares);
    }
}
