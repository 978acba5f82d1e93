package io.dagline.core.sim;

import io.dagline.core.estimate.SpeedEstimator;
import io.dagline.core.policy.Policies;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the policies are told about a job and the sites, for the report's tables off the exact path: runtime
 * estimates off by {@code noise} (none when {@code null}), and, with {@code learntSpeeds}, no declared speeds but
 * what a {@link SpeedEstimator} learnt from one earlier run of the same job (online Dagline policy, every site
 * declared 1.0, learning as it went, from the same estimates). Planners plan on the sites at the learnt speeds;
 * online policies start from them and keep learning.
 */
public record WhatIsKnown(EstimateNoise noise, boolean learntSpeeds) {

    public static final WhatIsKnown EXACT = new WhatIsKnown(null, false);

    /**
     * A job as the policies are told it: its runtimes, the sites they plan on, and how the simulator runs it (the
     * told runtimes, and speeds learnt from where the told ones start).
     */
    record Told(Workload workload, Platform platform, SimulationOptions options) {
    }

    Told tell(Workload workload, Platform platform) {
        Workload told = noise == null ? workload : noise.estimates(workload);
        SimulationOptions options = noise == null ? SimulationOptions.exact()
                : SimulationOptions.exact().withEstimates(told);
        if (!learntSpeeds) {
            return new Told(told, platform, options);
        }
        Map<String, Double> learnt = learntSpeeds(workload, told, platform);
        List<Site> sites = platform.sites().stream()
                .map(site -> new Site(site.name(), learnt.get(site.name()), site.slots())).toList();
        return new Told(told, new Platform(sites, platform.network()), options.learningSpeedsFrom(learnt));
    }

    private static Map<String, Double> learntSpeeds(Workload workload, Workload told, Platform platform) {
        Map<String, Double> allOne = new HashMap<>();
        platform.sites().forEach(site -> allOne.put(site.name(), 1.0));
        SimulationResult earlier = Simulator.run(workload, platform, Policies.dagline(),
                SimulationOptions.exact().withEstimates(told).learningSpeedsFrom(allOne));
        SpeedEstimator estimator = new SpeedEstimator();
        for (int i = 0; i < workload.size(); i++) {
            TaskRun run = earlier.runs().get(i);
            estimator.observe(run.site(), null, 1.0, told.task(i).runtimeSeconds(),
                    run.finish() - run.start() - run.transferSeconds());
        }
        Map<String, Double> learnt = new HashMap<>();
        platform.sites().forEach(site -> learnt.put(site.name(), estimator.speedOfSite(site.name(), 1.0)));
        return learnt;
    }
}
