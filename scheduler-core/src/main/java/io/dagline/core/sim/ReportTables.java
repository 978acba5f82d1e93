package io.dagline.core.sim;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The report's rows as Markdown: ratios per workflow and policy, the targets, every figure. */
final class ReportTables {

    private final List<PolicyReport.Row> rows;
    private final List<String> policies;
    private final List<String> workflows;
    private final Map<String, PolicyReport.Row> byKey = new LinkedHashMap<>();

    ReportTables(List<PolicyReport.Row> rows, List<String> policies) {
        this.rows = rows;
        this.policies = policies;
        this.workflows = List.copyOf(new LinkedHashSet<>(rows.stream().map(PolicyReport.Row::workflow).toList()));
        rows.forEach(row -> byKey.put(row.workflow() + "\n" + row.policy(), row));
    }

    List<String> policies() {
        return policies;
    }

    List<String> workflows() {
        return workflows;
    }

    PolicyReport.Row row(String workflow, String policy) {
        return byKey.get(workflow + "\n" + policy);
    }

    double meanRatio(String policy) {
        return mean(policy, PolicyReport.Row::ratio);
    }

    /** The mean over the workflows of one figure of the policy's rows. */
    double mean(String policy, ToDoubleFunction<PolicyReport.Row> figure) {
        return workflows.stream().mapToDouble(w -> figure.applyAsDouble(row(w, policy))).average().orElse(Double.NaN);
    }

    /** Mean over workflows of 1 − makespan(policy) / makespan(baseline). */
    double meanReduction(String policy, String baseline) {
        return workflows.stream().mapToDouble(w -> 1 - makespan(w, policy) / makespan(w, baseline)).average()
                .orElse(Double.NaN);
    }

    /** Largest makespan(policy) / makespan(baseline) − 1 over the workflows, and where. */
    Map.Entry<String, Double> worstExcess(String policy, String baseline) {
        String worst = null;
        double excess = Double.NEGATIVE_INFINITY;
        for (String w : workflows) {
            double e = makespan(w, policy) / makespan(w, baseline) - 1;
            if (e > excess) {
                excess = e;
                worst = w;
            }
        }
        return Map.entry(worst, excess);
    }

    String ratios() {
        StringBuilder table = new StringBuilder("| workflow | lower bound (s) | data-aware bound (s) |");
        policies.forEach(p -> table.append(' ').append(p).append(" |"));
        table.append("\n|---|---:|---:|").append("---:|".repeat(policies.size())).append('\n');
        for (String w : workflows) {
            PolicyReport.Row first = row(w, policies.get(0));
            table.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |", w, first.bound().seconds(),
                    first.dataBound().seconds()));
            for (String p : policies) {
                table.append(String.format(Locale.ROOT, " %.3f |", row(w, p).ratio()));
            }
            table.append('\n');
        }
        table.append("| **mean ratio** | | |");
        policies.forEach(p -> table.append(String.format(Locale.ROOT, " **%.3f** |", meanRatio(p))));
        return table.append('\n').toString();
    }

    /** The site-aware bound beside the data-aware one, per workflow (a column of its own, after the old table's). */
    String bounds() {
        StringBuilder table = new StringBuilder("| workflow | data-aware bound (s) | site-aware bound (s) | HEFT ÷"
                + " site-aware bound | Dagline plan ÷ site-aware bound |\n|---|---:|---:|---:|---:|\n");
        for (String w : workflows) {
            PolicyReport.Row heft = row(w, PolicyCatalog.HEFT.name());
            table.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.3f | %.3f |%n", w, heft.dataBound().seconds(),
                    heft.siteBound().seconds(), heft.siteRatio(), row(w, PolicyCatalog.DAGLINE_PLAN.name()).siteRatio()));
        }
        return table.toString();
    }

    String targets(String best, String fifo, String fair, String heft) {
        Map.Entry<String, Double> worst = worstExcess(best, heft);
        return String.format(Locale.ROOT, """
                | target for %1$s | wanted | measured |
                |---|---|---:|
                | mean makespan / lower bound | ≤ 1.2 | %2$.3f |
                | mean makespan reduction vs %3$s | ≥ 20%% | %4$.1f%% |
                | mean makespan reduction vs %5$s | ≥ 20%% | %6$.1f%% |
                | worst makespan excess over %7$s (%8$s) | ≤ 2%% | %9$+.1f%% |
                | (not a target) mean makespan / data-aware bound | | %10$.3f |
                | mean makespan reduction vs %7$s (issue 18) | ≥ 5%% | %11$.1f%% |
                | mean makespan / data-aware bound (issue 18) | ≤ 1.10 | %10$.3f |
                | (not a target) mean makespan / site-aware bound | | %12$.3f |
                """, best, meanRatio(best), fifo, 100 * meanReduction(best, fifo), fair,
                100 * meanReduction(best, fair), heft, worst.getKey(), 100 * worst.getValue(),
                mean(best, PolicyReport.Row::dataRatio),
                100 * meanReduction(best, heft),
                mean(best, PolicyReport.Row::siteRatio));
    }

    static final String SEED_HEADER = "| placement seed | policy | mean ÷ LB | mean ÷ data-aware bound"
            + " | HEFT mean ÷ LB | vs FIFO | vs FAIR | worst vs HEFT | vs HEFT | mean ÷ site-aware bound"
            + " | HEFT mean ÷ site-aware bound | room vs HEFT |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

    static final String ARMS_HEADER = "| placement seed | Adaptive vs its best arm, worst workflow | mean |"
            + "\n|---:|---:|---:|\n";

    /** Lines of the seed table: every policy's figures under one placement of the inputs. */
    String seedLine(long seed) {
        StringBuilder lines = new StringBuilder();
        for (String name : policies) {
            Map.Entry<String, Double> worst = worstExcess(name, PolicyCatalog.HEFT.name());
            lines.append(String.format(Locale.ROOT,
                    "| %d | %s | %.3f | %.3f | %.3f | %.1f%% | %.1f%% | %+.1f%% (%s) | %.1f%% | %.3f | %.3f | %.1f%% |%n",
                    seed, name, meanRatio(name),
                    mean(name, PolicyReport.Row::dataRatio),
                    meanRatio(PolicyCatalog.HEFT.name()), -100 * meanReduction(name, PolicyCatalog.FIFO.name()),
                    -100 * meanReduction(name, PolicyCatalog.FAIR.name()), 100 * worst.getValue(),
                    worst.getKey().replace("-chameleon", ""), -100 * meanReduction(name, PolicyCatalog.HEFT.name()),
                    mean(name, PolicyReport.Row::siteRatio), mean(PolicyCatalog.HEFT.name(), PolicyReport.Row::siteRatio),
                    100 * roomAgainstHeft()));
        }
        return lines.toString();
    }

    /**
     * The most any schedule could shorten HEFT's on the mean: 1 − site-aware bound ÷ HEFT's makespan, averaged over
     * the workflows. A target above it cannot be met by any policy.
     */
    double roomAgainstHeft() {
        return mean(PolicyCatalog.HEFT.name(), row -> 1 - 1 / row.siteRatio());
    }

    /** The adaptive agent against the better of its two arms on each workflow. */
    String armsLine(long seed) {
        String worstWorkflow = null;
        double worst = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (String w : workflows) {
            double best = Math.min(makespan(w, PolicyCatalog.DAGLINE.name()), makespan(w, PolicyCatalog.CRITICAL_PATH.name()));
            double excess = makespan(w, PolicyCatalog.ADAPTIVE.name()) / best - 1;
            sum += excess;
            if (excess > worst) {
                worst = excess;
                worstWorkflow = w;
            }
        }
        return String.format(Locale.ROOT, "| %d | %+.1f%% (%s) | %+.1f%% |%n", seed, 100 * worst,
                worstWorkflow.replace("-chameleon", ""), 100 * sum / workflows.size());
    }

    String details() {
        StringBuilder table = new StringBuilder("| workflow | policy | makespan (s) | ÷ lower bound |"
                + " ÷ data-aware bound | utilisation |\n|---|---|---:|---:|---:|---:|\n");
        for (PolicyReport.Row row : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.3f | %.3f | %.3f |%n", row.workflow(),
                    row.policy(), row.result().makespan(), row.ratio(), row.dataRatio(),
                    row.result().utilisation()));
        }
        return table.toString();
    }

    private double makespan(String workflow, String policy) {
        return row(workflow, policy).result().makespan();
    }
}
