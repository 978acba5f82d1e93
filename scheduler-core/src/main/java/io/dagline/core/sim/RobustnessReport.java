package io.dagline.core.sim;

import io.dagline.core.policy.Policies;
import io.dagline.core.policy.SchedulingPolicy;
import io.dagline.core.policy.SpeculationRule;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import io.dagline.core.wfformat.WfFormatReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The policies off the exact path, on every shared workflow: Dagline when it must learn the site speeds
 * (declared all 1.0), and FIFO and Dagline when a tenth of attempts straggle (×5), without and with Spark's
 * speculation. Makespans ÷ the lower bound.
 */
final class RobustnessReport {

    static final StragglerModel STRAGGLERS = new StragglerModel(1, 0.1, 5);

    private RobustnessReport() {
    }

    static String table(List<Path> workflows, Platform platform, long seed) {
        Map<String, Double> allOne = new HashMap<>();
        platform.sites().stream().map(Site::name).forEach(site -> allOne.put(site, 1.0));
        SimulationOptions learning = SimulationOptions.exact().learningSpeedsFrom(allOne);
        SimulationOptions stragglers = SimulationOptions.exact().withStragglers(STRAGGLERS);
        SimulationOptions speculating = stragglers.withSpeculation(SpeculationRule.sparkDefaults());
        StringBuilder table = new StringBuilder("| workflow | Dagline exact | Dagline, learnt speeds | FIFO, stragglers"
                + " | FIFO, stragglers + speculation | Dagline, stragglers | Dagline, stragglers + speculation"
                + " | copies (won) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        double[] sums = new double[6];
        for (Path file : workflows) {
            String name = file.getFileName().toString().replace(".json", "");
            Workload workload = Workloads.of(WfFormatReader.read(file), platform.siteNames(),
                    InputPlacement.seeded(seed));
            double bound = LowerBound.of(workload, platform).seconds();
            SchedulingPolicy dagline = Policies.dagline();
            SimulationResult speculated = Simulator.run(workload, platform, dagline, speculating);
            double[] ratios = {
                Simulator.run(workload, platform, dagline).makespan() / bound,
                Simulator.run(workload, platform, dagline, learning).makespan() / bound,
                Simulator.run(workload, platform, Policies.fifo(), stragglers).makespan() / bound,
                Simulator.run(workload, platform, Policies.fifo(), speculating).makespan() / bound,
                Simulator.run(workload, platform, dagline, stragglers).makespan() / bound,
                speculated.makespan() / bound,
            };
            table.append("| ").append(name);
            for (int i = 0; i < ratios.length; i++) {
                table.append(String.format(Locale.ROOT, " | %.3f", ratios[i]));
                sums[i] += ratios[i];
            }
            table.append(String.format(Locale.ROOT, " | %d (%d) |%n", speculated.speculativeCopies(),
                    speculated.copiesThatWon()));
        }
        table.append("| **mean** |");
        for (double sum : sums) {
            table.append(String.format(Locale.ROOT, " **%.3f** |", sum / workflows.size()));
        }
        return table.append(" |\n").toString();
    }
}
