package io.dagline.core.policy;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spark's FAIR pools: each pool's {@code weight} and {@code minShare}. A pool not configured gets weight 1 and
 * minShare 0, as in Spark.
 */
public record FairPools(Map<String, Pool> pools) {

    /** @param minShare slots the pool gets before weights are considered */
    public record Pool(String name, int weight, int minShare) {

        public Pool {
            if (weight <= 0 || minShare < 0) {
                throw new IllegalArgumentException("pool " + name + ": weight must be positive and minShare not"
                        + " negative");
            }
        }
    }

    public FairPools {
        pools = Map.copyOf(pools);
    }

    public static FairPools defaults() {
        return new FairPools(Map.of());
    }

    /**
     * Reads one pool per line, {@code name weight minShare}; blank lines and lines starting with {@code #}
     * are skipped.
     */
    public static FairPools parse(String text) {
        Map<String, Pool> pools = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            if (fields.length != 3) {
                throw new IllegalArgumentException("expected \"name weight minShare\", got \"" + trimmed + "\"");
            }
            pools.put(fields[0], new Pool(fields[0], Integer.parseInt(fields[1]), Integer.parseInt(fields[2])));
        }
        return new FairPools(pools);
    }

    /**
     * Spark's {@code FairSchedulingAlgorithm} comparator over pool names: a pool below its minShare first (the
     * lowest running/minShare), else the lowest running/weight; ties by name.
     */
    public Comparator<String> fairOrder(Map<String, Integer> running) {
        return (a, b) -> {
            Pool poolA = pool(a);
            Pool poolB = pool(b);
            int runningA = running.getOrDefault(a, 0);
            int runningB = running.getOrDefault(b, 0);
            boolean needyA = runningA < poolA.minShare();
            boolean needyB = runningB < poolB.minShare();
            int byShare;
            if (needyA != needyB) {
                return needyA ? -1 : 1;
            } else if (needyA) {
                byShare = Double.compare((double) runningA / Math.max(poolA.minShare(), 1),
                        (double) runningB / Math.max(poolB.minShare(), 1));
            } else {
                byShare = Double.compare((double) runningA / poolA.weight(), (double) runningB / poolB.weight());
            }
            return byShare != 0 ? byShare : a.compareTo(b);
        };
    }

    public Pool pool(String name) {
        return pools.getOrDefault(name, new Pool(name, 1, 0));
    }
}
