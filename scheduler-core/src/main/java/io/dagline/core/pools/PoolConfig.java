package io.dagline.core.pools;

import java.util.Objects;

/**
 * One pool of the pools file.
 *
 * @param weight its share of the slots against the other pools once every pool has its minShare (Spark FAIR)
 * @param minShare slots it gets before weights count
 * @param tenant who owns the pool, or {@code null}; carried for the live scheduler (quotas, access), not used by
 *     the policies
 */
public record PoolConfig(String name, PoolOrdering ordering, int weight, int minShare, String tenant) {

    public static final String DEFAULT_POOL = "default";

    public PoolConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ordering, "ordering");
        if (weight <= 0) {
            throw new IllegalArgumentException("pool " + name + ": weight must be positive, was " + weight);
        }
        if (minShare < 0) {
            throw new IllegalArgumentException("pool " + name + ": minShare must not be negative, was " + minShare);
        }
    }

    /** A pool nobody configured: Spark's weight 1 and minShare 0, with the file's default ordering. */
    public static PoolConfig unconfigured(String name, PoolOrdering ordering) {
        return new PoolConfig(name, ordering, 1, 0, null);
    }
}
