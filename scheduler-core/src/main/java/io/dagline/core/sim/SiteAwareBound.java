package io.dagline.core.sim;

import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A lower bound on the makespan that counts where each task can run cheaply, valid for every schedule, and at
 * least the {@link DataAwareBound}'s critical path. {@link DataAwareBound} spreads all work over the whole
 * capacity, as if a task reading a large file at one site cost as little at every site; this one does not.
 *
 * <p>Let d(i, s) be task i's shortest duration at site s (its workflow inputs moved there, its run at the
 * site's speed; infinite where an immovable input forbids it), c(s) the site's slots, and for each task a head
 * (earliest start) and a tail (shortest path after it) from the shortest durations. For a start τ and an end
 * margin q, the tasks with head ≥ τ and tail ≥ q run inside [τ, T − q], so site s gives them at most
 * c(s)·(T − q − τ) slot-seconds. For any weights λ(s) ≥ 0 summing to 1, weighing each site's inequality by
 * λ(s)/c(s) and adding them gives
 * <pre>T ≥ τ + q + Σ_i min_s λ(s)·d(i, s)/c(s)</pre>
 * (a task counts at its cheapest weighted site). This is the dual of the linear relaxation of assigning the
 * tasks to sites; the bound takes the best of a grid of weights and of a few τ and q, and is never below the
 * {@link DataAwareBound} (the larger of two valid bounds is valid).
 */
public record SiteAwareBound(double criticalPathSeconds, double siteWorkSeconds, DataAwareBound dataAware) {

    private static final int WEIGHT_STEPS = 20;
    private static final int THRESHOLDS = 24;

    public static SiteAwareBound of(Workload workload, Platform platform) {
        int n = workload.size();
        Site[] sites = platform.sites().stream().filter(site -> site.slots() > 0).toArray(Site[]::new);
        double[][] duration = new double[n][sites.length];
        double[] shortest = new double[n];
        for (int i = 0; i < n; i++) {
            shortest[i] = Double.POSITIVE_INFINITY;
            for (int s = 0; s < sites.length; s++) {
                duration[i][s] = DataAwareBound.durationAt(workload.task(i), sites[s], platform);
                shortest[i] = Math.min(shortest[i], duration[i][s]);
            }
        }
        int[] order = workload.order();
        double[] head = new double[n];
        for (int task : order) {
            for (int successor : workload.successorsView(task)) {
                head[successor] = Math.max(head[successor], head[task] + shortest[task]);
            }
        }
        double[] tail = new double[n];
        double criticalPath = 0;
        for (int k = n - 1; k >= 0; k--) {
            int task = order[k];
            for (int successor : workload.successorsView(task)) {
                tail[task] = Math.max(tail[task], shortest[successor] + tail[successor]);
            }
            criticalPath = Math.max(criticalPath, head[task] + shortest[task] + tail[task]);
        }
        List<int[]> weights = weightGrid(sites.length);
        double best = 0;
        for (double tau : thresholds(head)) {
            for (double q : thresholds(tail)) {
                if (anyBetween(head, tail, tau, q)) {
                    best = Math.max(best, tau + q + bestWeightedWork(duration, head, tail, tau, q, sites, weights));
                }
            }
        }
        return new SiteAwareBound(criticalPath, best, DataAwareBound.of(workload, platform));
    }

    public double seconds() {
        return Math.max(dataAware.seconds(), Math.max(criticalPathSeconds, siteWorkSeconds));
    }

    /** 0 and quantiles of the values: any threshold gives a valid bound, these a tight one at little cost. */
    private static double[] thresholds(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] picked = new double[THRESHOLDS + 1];
        for (int k = 1; k <= THRESHOLDS; k++) {
            picked[k] = sorted[(int) ((long) (sorted.length - 1) * k / THRESHOLDS)];
        }
        return Arrays.stream(picked).distinct().toArray();
    }

    /** The bound needs a task in the window: τ + q alone bounds nothing when no task has both. */
    private static boolean anyBetween(double[] head, double[] tail, double tau, double q) {
        for (int i = 0; i < head.length; i++) {
            if (head[i] >= tau && tail[i] >= q) {
                return true;
            }
        }
        return false;
    }

    private static double bestWeightedWork(double[][] duration, double[] head, double[] tail, double tau, double q,
            Site[] sites, List<int[]> weights) {
        double best = 0;
        double[] weight = new double[sites.length];
        for (int[] steps : weights) {
            for (int s = 0; s < sites.length; s++) {
                weight[s] = (double) steps[s] / WEIGHT_STEPS / sites[s].slots();
            }
            double work = 0;
            for (int i = 0; i < duration.length; i++) {
                if (head[i] < tau || tail[i] < q) {
                    continue;
                }
                double cheapest = Double.POSITIVE_INFINITY;
                for (int s = 0; s < sites.length; s++) {
                    if (duration[i][s] < Double.POSITIVE_INFINITY) {
                        cheapest = Math.min(cheapest, weight[s] * duration[i][s]);
                    }
                }
                work += cheapest;
            }
            best = Math.max(best, work);
        }
        return best;
    }

    /** Every way to split {@code WEIGHT_STEPS} among the sites. */
    private static List<int[]> weightGrid(int sites) {
        List<int[]> grid = new ArrayList<>();
        fill(new int[sites], 0, WEIGHT_STEPS, grid);
        return grid;
    }

    private static void fill(int[] steps, int site, int left, List<int[]> grid) {
        if (site == steps.length - 1) {
            steps[site] = left;
            grid.add(steps.clone());
            return;
        }
        for (int k = 0; k <= left; k++) {
            steps[site] = k;
            fill(steps, site + 1, left - k, grid);
        }
    }
}
