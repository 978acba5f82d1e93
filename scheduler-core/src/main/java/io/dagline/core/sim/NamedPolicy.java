package io.dagline.core.sim;

import io.dagline.core.policy.SchedulingPolicy;
import io.dagline.core.site.Platform;
import java.util.function.BiFunction;

/**
 * A policy as the report names it. Built per workload, because a static planner (HEFT) needs the whole
 * workload; the online policies ignore it.
 */
public record NamedPolicy(String name, BiFunction<Workload, Platform, SchedulingPolicy> factory) {

    public SchedulingPolicy build(Workload workload, Platform platform) {
        return factory.apply(workload, platform);
    }
}
