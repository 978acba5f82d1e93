package io.dagline.core.sim;

import io.dagline.core.policy.SpeculationRule;
import java.util.Map;

/**
 * What the simulation adds to an exact replay. Each is off when {@code null}.
 *
 * @param declaredSpeeds the policy sees speeds learnt from finished attempts ({@code SpeedEstimator}), starting
 *     from these declared speeds by site name, instead of the platform's true speeds
 * @param stragglers some attempts take longer than their site's speed says
 * @param speculation copies of attempts that run too long
 * @param failures attempts that fail and are retried
 * @param estimates the same workload with the runtimes the policy is told (priorities, expected finishes); the
 *     attempts take the simulated workload's runtimes
 */
public record SimulationOptions(Map<String, Double> declaredSpeeds, AttemptSlowdowns stragglers,
        SpeculationRule speculation, AttemptFailures failures, Workload estimates) {

    public SimulationOptions {
        declaredSpeeds = declaredSpeeds == null ? null : Map.copyOf(declaredSpeeds);
    }

    public static SimulationOptions exact() {
        return new SimulationOptions(null, null, null, null, null);
    }

    public SimulationOptions learningSpeedsFrom(Map<String, Double> declared) {
        return new SimulationOptions(declared, stragglers, speculation, failures, estimates);
    }

    public SimulationOptions withStragglers(AttemptSlowdowns model) {
        return new SimulationOptions(declaredSpeeds, model, speculation, failures, estimates);
    }

    public SimulationOptions withSpeculation(SpeculationRule rule) {
        return new SimulationOptions(declaredSpeeds, stragglers, rule, failures, estimates);
    }

    public SimulationOptions withFailures(AttemptFailures model) {
        return new SimulationOptions(declaredSpeeds, stragglers, speculation, model, estimates);
    }

    /** The policy is told these runtimes (the same tasks, by index) instead of the true ones. */
    public SimulationOptions withEstimates(Workload estimated) {
        return new SimulationOptions(declaredSpeeds, stragglers, speculation, failures, estimated);
    }
}
