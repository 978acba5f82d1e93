package io.dagline.core.sim;

import io.dagline.core.site.Platform;
import io.dagline.core.site.ThreeSites;
import io.dagline.core.wfformat.WfFormatReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every policy of {@link PolicyCatalog} on every shared workflow, on {@link ThreeSites}: Markdown tables on
 * standard output and an SVG chart of makespan ÷ lower bound. Run from the repository root:
 *
 * <pre>./mvnw -q -pl scheduler-core compile exec:java -Dexec.mainClass=io.dagline.core.sim.PolicyReport \
 *     -Dexec.args=docs/policy-makespan.svg</pre>
 */
public final class PolicyReport {

    public static final long PLACEMENT_SEED = 1;
    public static final String DEFAULT_CHART = "docs/policy-makespan.svg";
    /** Other placements of the input files, to show the findings do not hang on one draw. */
    public static final List<Long> OTHER_SEEDS = List.of(2L, 3L, 4L, 5L);

    /** One policy on one workflow. */
    public record Row(String workflow, String policy, LowerBound bound, DataAwareBound dataBound,
            SimulationResult result) {

        public double ratio() {
            return result.makespan() / bound.seconds();
        }

        public double dataRatio() {
            return result.makespan() / dataBound.seconds();
        }
    }

    private PolicyReport() {
    }

    public static List<Row> rows(List<Path> workflows, Platform platform, List<NamedPolicy> policies, long seed) {
        List<Row> rows = new ArrayList<>();
        for (Path file : workflows) {
            String name = file.getFileName().toString().replace(".json", "");
            Workload workload = Workloads.of(WfFormatReader.read(file), platform.siteNames(),
                    InputPlacement.seeded(seed));
            LowerBound bound = LowerBound.of(workload, platform);
            DataAwareBound dataBound = DataAwareBound.of(workload, platform);
            for (NamedPolicy policy : policies) {
                SimulationResult result = Simulator.run(workload, platform, policy.build(workload, platform));
                rows.add(new Row(name, policy.name(), bound, dataBound, result));
            }
        }
        return rows;
    }

    public static void main(String[] args) throws IOException {
        Path chart = Path.of(args.length > 0 ? args[0] : DEFAULT_CHART);
        List<NamedPolicy> policies = PolicyCatalog.all();
        List<Path> workflows = WorkflowDirectory.workflows(WorkflowDirectory.find());
        Platform platform = ThreeSites.platform();
        List<String> names = policies.stream().map(NamedPolicy::name).toList();
        List<Row> rows = rows(workflows, platform, policies, PLACEMENT_SEED);
        ReportTables tables = new ReportTables(rows, names);
        System.out.println(tables.ratios());
        for (NamedPolicy dagline : List.of(PolicyCatalog.DAGLINE, PolicyCatalog.DAGLINE_CHOICE,
                PolicyCatalog.ADAPTIVE)) {
            System.out.println(tables.targets(dagline.name(), PolicyCatalog.FIFO.name(), PolicyCatalog.FAIR.name(),
                    PolicyCatalog.HEFT.name()));
        }
        System.out.println(tables.details());
        StringBuilder seeds = new StringBuilder(ReportTables.SEED_HEADER);
        seeds.append(tables.seedLine(PLACEMENT_SEED));
        for (long seed : OTHER_SEEDS) {
            seeds.append(new ReportTables(rows(workflows, platform, policies, seed), names).seedLine(seed));
        }
        System.out.println(seeds);
        System.out.println(RobustnessReport.table(workflows, platform, PLACEMENT_SEED));
        System.out.println(AdaptiveAcrossJobs.table(workflows, platform, PLACEMENT_SEED));
        if (chart.getParent() != null) {
            Files.createDirectories(chart.getParent());
        }
        Files.writeString(chart, new RatioChart(rows, tables.policies(), tables.workflows()).svg());
        System.out.println(String.format(Locale.ROOT, "chart: %s", chart.toAbsolutePath()));
    }
}
