package io.dagline.core.sim;

import java.util.List;
import java.util.Locale;

/**
 * Grouped bars, hand-written SVG: for each workflow one bar per policy, its height the makespan over the lower
 * bound. Bars above {@link #Y_MAX} are cut there and labelled with their value.
 */
final class RatioChart {

    static final double Y_MAX = 4.0;
    private static final String[] COLOURS = {"#9e9e9e", "#616161", "#bcaaa4", "#ffb74d", "#90caf9", "#42a5f5",
        "#1e88e5", "#80cbc4", "#26a69a", "#ab47bc", "#d32f2f", "#7f0000", "#424242", "#ff7043"};
    private static final int LEFT = 60;
    private static final int TOP = 30;
    private static final int PLOT_HEIGHT = 320;
    private static final int BAR = 7;
    private static final int GAP = 18;

    private final List<PolicyReport.Row> rows;
    private final List<String> policies;
    private final List<String> workflows;

    RatioChart(List<PolicyReport.Row> rows, List<String> policies, List<String> workflows) {
        this.rows = rows;
        this.policies = policies;
        this.workflows = workflows;
    }

    String svg() {
        int groupWidth = policies.size() * BAR + GAP;
        int width = LEFT + workflows.size() * groupWidth + 20;
        int legendTop = TOP + PLOT_HEIGHT + 110;
        int height = legendTop + 20 * ((policies.size() + 3) / 4) + 10;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"18\" font-size=\"13\">Makespan ÷ lower bound on three sites"
                        + " (speeds 1.0, 0.6, 0.3; 8 slots each); lower is better</text>%n", width, height, LEFT));
        for (double tick = 0; tick <= Y_MAX; tick += 0.5) {
            double y = y(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>%n", LEFT, y, width - 20, y,
                    tick == 1.0 ? "black" : "#e0e0e0", LEFT - 5, y + 4, tick));
        }
        for (int w = 0; w < workflows.size(); w++) {
            int x0 = LEFT + GAP / 2 + w * groupWidth;
            for (int p = 0; p < policies.size(); p++) {
                double ratio = ratio(workflows.get(w), policies.get(p));
                double shown = Math.min(ratio, Y_MAX);
                int x = x0 + p * BAR;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\""
                        + " fill=\"%s\"><title>%s, %s: %.3f</title></rect>%n", x, y(shown), BAR - 1,
                        y(0) - y(shown), COLOURS[p % COLOURS.length], workflows.get(w), policies.get(p), ratio));
                if (ratio > Y_MAX) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"9\""
                            + " transform=\"rotate(-90 %d %.1f)\">%.1f</text>%n", x + 6, y(Y_MAX) - 2, x + 6,
                            y(Y_MAX) - 2, ratio));
                }
            }
            int labelX = x0 + policies.size() * BAR / 2;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\""
                    + " transform=\"rotate(-35 %d %d)\">%s</text>%n", labelX, TOP + PLOT_HEIGHT + 14, labelX,
                    TOP + PLOT_HEIGHT + 14, shortName(workflows.get(w))));
        }
        for (int p = 0; p < policies.size(); p++) {
            int x = LEFT + (p % 4) * 170;
            int y = legendTop + (p / 4) * 20;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, y - 10, COLOURS[p % COLOURS.length], x + 16, y,
                    policies.get(p)));
        }
        return svg.append("</svg>\n").toString();
    }

    private double y(double ratio) {
        return TOP + PLOT_HEIGHT * (1 - ratio / Y_MAX);
    }

    private double ratio(String workflow, String policy) {
        return rows.stream().filter(r -> r.workflow().equals(workflow) && r.policy().equals(policy)).findFirst()
                .orElseThrow().ratio();
    }

    private static String shortName(String workflow) {
        return workflow.replace("-chameleon", "").replaceAll("-00\\d$", "");
    }
}
