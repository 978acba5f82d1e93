package io.dagline.core.pools;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a pool orders and places its own ready tasks; the names are those of the pools file. */
public enum PoolOrdering {

    FIFO("fifo"),
    /** FAIR between the pool's jobs (each job a sub-pool of weight 1). */
    FAIR("fair"),
    /** DRF between the pool's jobs. */
    DRF("drf"),
    CRITICAL_PATH("critical-path"),
    DAGLINE("dagline"),
    /** Upward rank, earliest finish on a free slot: HEFT's rules without a whole-job plan, which a pool lacks. */
    HEFT("heft"),
    /** Switches between Dagline and critical path by workload class ({@code AdaptivePolicy}). */
    ADAPTIVE("adaptive");

    private final String fileName;

    PoolOrdering(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public static PoolOrdering parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (PoolOrdering ordering : values()) {
            if (ordering.fileName.equals(wanted)) {
                return ordering;
            }
        }
        throw new IllegalArgumentException("unknown ordering \"" + name + "\"; expected one of "
                + Arrays.stream(values()).map(PoolOrdering::fileName).collect(Collectors.joining(", ")));
    }
}
