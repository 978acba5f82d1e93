package io.dagline.core.sim;

import io.dagline.core.adaptive.AdaptivePolicy;
import io.dagline.core.site.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One adaptive agent kept across every shared workflow, three passes in a row, as it would live in one pool:
 * does what it learnt on earlier jobs shorten later ones? Makespan ÷ LB per pass.
 */
final class AdaptiveAcrossJobs {

    static final int PASSES = 3;

    private AdaptiveAcrossJobs() {
    }

    static String table(List<Path> workflows, Platform platform, long seed) {
        AdaptivePolicy agent = AdaptivePolicy.standard(PolicyCatalog.RANDOM_ORDER_SEED);
        NamedPolicy kept = new NamedPolicy("Adaptive, kept", (workload, p) -> agent);
        StringBuilder table = new StringBuilder("| pass | mean ÷ LB | switches so far |");
        List<String> names = workflows.stream().map(f -> f.getFileName().toString().replace(".json", "")
                .replace("-chameleon", "").replaceAll("-00\\d$", "")).toList();
        names.forEach(name -> table.append(' ').append(name).append(" |"));
        table.append("\n|---:|---:|---:|").append("---:|".repeat(names.size())).append('\n');
        for (int pass = 1; pass <= PASSES; pass++) {
            List<PolicyReport.Row> rows = PolicyReport.rows(workflows, platform, List.of(kept), seed);
            double mean = rows.stream().mapToDouble(PolicyReport.Row::ratio).average().orElse(Double.NaN);
            table.append(String.format(Locale.ROOT, "| %d | %.3f | %d |", pass, mean, agent.switches().size()));
            rows.forEach(row -> table.append(String.format(Locale.ROOT, " %.3f |", row.ratio())));
            table.append('\n');
        }
        return table.toString();
    }
}
