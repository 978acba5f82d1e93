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
    /** Placements of the input files, to show the findings do not hang on one draw. */
    public static final List<Long> ALL_SEEDS = List.of(1L, 2L, 3L, 4L, 5L);
    /** Issue 18's noisy estimates: σ = 0.5, drawn from a seed of their own. */
    public static final EstimateNoise NOISE = new EstimateNoise(0.5, 7);

    /** One policy on one workflow. */
    public record Row(String workflow, String policy, LowerBound bound, DataAwareBound dataBound,
            SimulationResult result, SiteAwareBound siteBound) {

        public double ratio() {
            return result.makespan() / bound.seconds();
        }

        public double dataRatio() {
            return result.makespan() / dataBound.seconds();
        }

        public double siteRatio() {
            return result.makespan() / siteBound.seconds();
        }
    }

    private PolicyReport() {
    }

    public static List<Row> rows(List<Path> workflows, Platform platform, List<NamedPolicy> policies, long seed) {
        return rows(workflows, platform, policies, seed, WhatIsKnown.EXACT);
    }

    /** Every policy built from and told what {@code known} says; the tasks take their true runtimes. */
    public static List<Row> rows(List<Path> workflows, Platform platform, List<NamedPolicy> policies, long seed,
            WhatIsKnown known) {
        List<Row> rows = new ArrayList<>();
        for (Path file : workflows) {
            String name = file.getFileName().toString().replace(".json", "");
            Workload workload = Workloads.of(WfFormatReader.read(file), platform.siteNames(),
                    InputPlacement.seeded(seed));
            WhatIsKnown.Told told = known.tell(workload, platform);
            LowerBound bound = LowerBound.of(workload, platform);
            DataAwareBound dataBound = DataAwareBound.of(workload, platform);
            SiteAwareBound siteBound = SiteAwareBound.of(workload, platform);
            for (NamedPolicy policy : policies) {
                SimulationResult result = Simulator.run(workload, platform,
                        policy.build(told.workload(), told.platform()), told.options());
                rows.add(new Row(name, policy.name(), bound, dataBound, result, siteBound));
            }
        }
        return rows;
    }

    /**
     * The seed table and the adaptive agent's table for every placement seed, policies told what {@code known}
     * says; {@code computed} are the rows of the placement seed when they are at hand already, else {@code null}.
     */
    private static String seedTables(List<Path> workflows, Platform platform, List<NamedPolicy> policies,
            WhatIsKnown known, String title, ReportTables computed) {
        List<String> names = policies.stream().map(NamedPolicy::name).toList();
        StringBuilder seeds = new StringBuilder(title).append(":\n\n").append(ReportTables.SEED_HEADER);
        StringBuilder arms = new StringBuilder(ReportTables.ARMS_HEADER);
        for (long seed : ALL_SEEDS) {
            ReportTables tables = seed == PLACEMENT_SEED && computed != null ? computed
                    : new ReportTables(rows(workflows, platform, policies, seed, known), names);
            seeds.append(tables.seedLine(seed));
            arms.append(tables.armsLine(seed));
        }
        return seeds.append('\n').append(arms).toString();
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
                PolicyCatalog.ADAPTIVE, PolicyCatalog.DAGLINE_PLAN, PolicyCatalog.DAGLINE_PLAN_REPAIRED)) {
            System.out.println(tables.targets(dagline.name(), PolicyCatalog.FIFO.name(), PolicyCatalog.FAIR.name(),
                    PolicyCatalog.HEFT.name()));
        }
        System.out.println(tables.bounds());
        System.out.println(tables.details());
        System.out.println(seedTables(workflows, platform, policies, WhatIsKnown.EXACT,
                "Exact runtime estimates, declared speeds", tables));
        System.out.println(seedTables(workflows, platform, policies, new WhatIsKnown(NOISE, false),
                "Runtime estimates off by a log-normal factor (σ = " + NOISE.sigma() + "), every policy told the same"
                        + " estimates", null));
        System.out.println(seedTables(workflows, platform, policies, new WhatIsKnown(null, true),
                "Speeds learnt, not declared (from one earlier run of the same job), exact runtime estimates", null));
        System.out.println(seedTables(workflows, platform, policies, new WhatIsKnown(NOISE, true),
                "Speeds learnt, not declared, and runtime estimates off (σ = " + NOISE.sigma() + ")", null));
        System.out.println(PlanningTimes.table(workflows, platform, PLACEMENT_SEED));
        System.out.println(StaticPlanners.table(workflows, platform, ALL_SEEDS));
        System.out.println(RobustnessReport.table(workflows, platform, PLACEMENT_SEED));
        System.out.println(AdaptiveAcrossJobs.table(workflows, platform, PLACEMENT_SEED));
        if (chart.getParent() != null) {
            Files.createDirectories(chart.getParent());
        }
        Files.writeString(chart, new RatioChart(rows, tables.policies(), tables.workflows()).svg());
        System.out.println(String.format(Locale.ROOT, "chart: %s", chart.toAbsolutePath()));
    }
}
