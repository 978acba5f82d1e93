package io.dagline.core.sim;

import io.dagline.core.estimate.EstimateSpread;
import io.dagline.core.estimate.SpeedEstimator;
import io.dagline.core.policy.Policies;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.HashMap;
import java.util.Map;

/**
 * What the policies are told about a job and the sites, for the report's tables off the exact path: runtime
 * estimates off by {@code noise} (none when {@code null}), and, with {@code learntSpeeds}, no declared speeds but
 * what a {@link SpeedEstimator} learnt from one earlier run of the same job (online Dagline policy, every site
 * declared 1.0, learning as it went, from the same estimates). Planners plan on the sites at the learnt speeds;
 * online policies start from them and keep learning. The same earlier run tells how far the estimates were off
 * ({@link EstimateSpread}, against the speeds the policies are told): one number for the whole job, never a task's
 * own runtime.
 */
public record WhatIsKnown(EstimateNoise noise, boolean learntSpeeds) {

    public static final WhatIsKnown EXACT = new WhatIsKnown(null, false);

    /**
     * A job as the policies are told it: its runtimes with how far they are believed off, the sites they plan on,
     * and how the simulator runs it (the told runtimes, and speeds learnt from where the told ones start).
     */
    record Told(Workload workload, Platform platform, SimulationOptions options) {
    }

    Told tell(Workload workload, Platform platform) {
        Workload told = noise == null ? workload : noise.estimates(workload);
        SimulationOptions options = noise == null ? SimulationOptions.exact()
                : SimulationOptions.exact().withEstimates(told);
        SimulationResult earlier = earlierRun(workload, told, platform);
        Platform toldPlatform = platform;
        if (learntSpeeds) {
            Map<String, Double> learnt = learntSpeeds(told, platform, earlier);
            toldPlatform = new Platform(platform.sites().stream()
                    .map(site -> new Site(site.name(), learnt.get(site.name()), site.slots())).toList(), platform.network());
            options = options.learningSpeedsFrom(learnt);
        }
        return new Told(told.withEstimateSpread(spread(told, toldPlatform, earlier)), toldPlatform, options);
    }

    /** The online Dagline policy on the told estimates; learning speeds from 1.0 everywhere when they are learnt. */
    private SimulationResult earlierRun(Workload workload, Workload told, Platform platform) {
        SimulationOptions options = SimulationOptions.exact().withEstimates(told);
        if (learntSpeeds) {
            Map<String, Double> allOne = new HashMap<>();
            platform.sites().forEach(site -> allOne.put(site.name(), 1.0));
            options = options.learningSpeedsFrom(allOne);
        }
        return Simulator.run(workload, platform, Policies.dagline(), options);
    }

    private static Map<String, Double> learntSpeeds(Workload told, Platform platform, SimulationResult earlier) {
        SpeedEstimator estimator = new SpeedEstimator();
        for (int i = 0; i < told.size(); i++) {
            TaskRun run = earlier.runs().get(i);
            estimator.observe(run.site(), null, 1.0, told.task(i).runtimeSeconds(), ranSeconds(run));
        }
        Map<String, Double> learnt = new HashMap<>();
        platform.sites().forEach(site -> learnt.put(site.name(), estimator.speedOfSite(site.name(), 1.0)));
        return learnt;
    }

    /** How far the told runtimes were off in the earlier run, at the speeds the policies are told. */
    private static double spread(Workload told, Platform toldPlatform, SimulationResult earlier) {
        EstimateSpread spread = new EstimateSpread();
        for (int i = 0; i < told.size(); i++) {
            TaskRun run = earlier.runs().get(i);
            spread.observe(told.task(i).runtimeSeconds(), toldPlatform.site(run.site()).speed(), ranSeconds(run));
        }
        return spread.sigma();
    }

    private static double ranSeconds(TaskRun run) {
        return run.finish() - run.start() - run.transferSeconds();
    }
}
