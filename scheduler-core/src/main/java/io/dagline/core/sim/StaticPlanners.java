package io.dagline.core.sim;

import io.dagline.core.site.Platform;
import io.dagline.core.wfformat.WfFormatReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The list-scheduling heuristics the plan search may start from, each alone: its plan replayed as the live
 * scheduler runs a plan (each task at its planned site, each site's queue by HEFT's upward rank), per placement
 * seed the mean over the workflows of makespan ÷ HEFT's − 1, and the worst workflow against HEFT.
 */
final class StaticPlanners {

    private static final Map<String, BiFunction<Workload, Platform, String[]>> PLANNERS = planners();

    private StaticPlanners() {
    }

    private static Map<String, BiFunction<Workload, Platform, String[]>> planners() {
        Map<String, BiFunction<Workload, Platform, String[]>> planners = new LinkedHashMap<>();
        planners.put("PEFT", PeftPlanner::sites);
        planners.put("lookahead HEFT", LookaheadHeftPlanner::sites);
        planners.put("CPOP", CpopPlanner::sites);
        return planners;
    }

    static String table(List<Path> workflows, Platform platform, List<Long> seeds) {
        StringBuilder table = new StringBuilder(
                "| placement seed | planner | vs HEFT | worst vs HEFT |\n|---:|---|---:|---|\n");
        for (long seed : seeds) {
            Map<String, double[]> change = new LinkedHashMap<>();
            Map<String, String> worstName = new LinkedHashMap<>();
            Map<String, Double> worst = new LinkedHashMap<>();
            for (Path file : workflows) {
                Workload workload = Workloads.of(WfFormatReader.read(file), platform.siteNames(),
                        InputPlacement.seeded(seed));
                if (!PlanReplay.supports(workload)) {
                    continue;
                }
                PlanReplay replay = new PlanReplay(workload, platform);
                double[] rank = Levels.of(workload, platform).upwardRank();
                double heft = replay.run(HeftPlanner.plan(workload, platform).site(), rank).makespan();
                String name = file.getFileName().toString().replace(".json", "");
                PLANNERS.forEach((planner, plan) -> {
                    double ratio = replay.run(plan.apply(workload, platform), rank).makespan() / heft - 1;
                    double[] sum = change.computeIfAbsent(planner, p -> new double[2]);
                    sum[0] += ratio;
                    sum[1]++;
                    if (ratio > worst.getOrDefault(planner, Double.NEGATIVE_INFINITY)) {
                        worst.put(planner, ratio);
                        worstName.put(planner, name);
                    }
                });
            }
            for (String planner : PLANNERS.keySet()) {
                double[] sum = change.get(planner);
                table.append(String.format(Locale.ROOT, "| %d | %s | %+.1f%% | %+.1f%% (%s) |%n", seed, planner,
                        100 * sum[0] / sum[1], 100 * worst.get(planner), worstName.get(planner)));
            }
        }
        return table.toString();
    }
}
