package io.dagline.core.sim;

import io.dagline.core.policy.InputRef;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * PEFT (Arabnejad and Barbosa, 2014) on sites with slots: an optimistic cost table OCT(task, site), the
 * shortest time from the task's end on that site to the workflow's end if every later task took its best site
 * with no slot contention (transfers counted when a successor is elsewhere). Ready tasks go by decreasing mean
 * OCT, each to the site minimising its earliest finish + OCT there: it looks past the task itself, which HEFT's
 * earliest finish does not.
 */
public final class PeftPlanner {

    private PeftPlanner() {
    }

    public static Map<String, String> sites(Workload workload, Platform platform) {
        int n = workload.size();
        List<Site> sites = platform.sites().stream().filter(site -> site.slots() > 0).toList();
        double[][] cost = costs(workload, platform, sites);
        double[][] oct = optimisticCosts(workload, platform, sites, cost);
        double[] rank = new double[n];
        for (int task = 0; task < n; task++) {
            double sum = 0;
            int count = 0;
            for (int s = 0; s < sites.size(); s++) {
                if (cost[task][s] < Double.POSITIVE_INFINITY) {
                    sum += oct[task][s];
                    count++;
                }
            }
            rank[task] = count == 0 ? 0 : sum / count;
        }
        Map<String, double[]> slotFree = new HashMap<>();
        sites.forEach(site -> slotFree.put(site.name(), new double[site.slots()]));
        String[] siteOf = new String[n];
        double[] finish = new double[n];
        int[] waiting = new int[n];
        PriorityQueue<Integer> ready = new PriorityQueue<>((a, b) -> rank[a] != rank[b]
                ? Double.compare(rank[b], rank[a]) : Integer.compare(a, b));
        for (int task = 0; task < n; task++) {
            waiting[task] = workload.task(task).predecessors().size();
            if (waiting[task] == 0) {
                ready.add(task);
            }
        }
        while (!ready.isEmpty()) {
            int task = ready.poll();
            double readyAt = 0;
            for (int predecessor : workload.task(task).predecessors()) {
                readyAt = Math.max(readyAt, finish[predecessor]);
            }
            List<InputRef> inputs = workload.inputsAt(task, siteOf);
            double best = Double.POSITIVE_INFINITY;
            double bestFinish = 0;
            for (int s = 0; s < sites.size(); s++) {
                Site site = sites.get(s);
                if (!HeftPlanner.mayRunAt(inputs, site.name())) {
                    continue;
                }
                double[] slots = slotFree.get(site.name());
                double end = Math.max(readyAt, slots[HeftPlanner.earliest(slots)])
                        + HeftPlanner.transferSeconds(inputs, site.name(), platform)
                        + workload.task(task).runtimeSeconds() / site.speed();
                if (end + oct[task][s] < best) {
                    best = end + oct[task][s];
                    bestFinish = end;
                    siteOf[task] = site.name();
                }
            }
            if (siteOf[task] == null) {
                throw new IllegalArgumentException("task " + workload.task(task).id() + " may run at no site");
            }
            finish[task] = bestFinish;
            double[] slots = slotFree.get(siteOf[task]);
            slots[HeftPlanner.earliest(slots)] = bestFinish;
            for (int successor : workload.successorsView(task)) {
                if (--waiting[successor] == 0) {
                    ready.add(successor);
                }
            }
        }
        return workload.byTaskId(task -> siteOf[task]);
    }

    /** Each task's shortest duration at each site ({@link DataAwareBound#durationAt}). */
    private static double[][] costs(Workload workload, Platform platform, List<Site> sites) {
        double[][] cost = new double[workload.size()][sites.size()];
        for (int task = 0; task < workload.size(); task++) {
            for (int s = 0; s < sites.size(); s++) {
                cost[task][s] = DataAwareBound.durationAt(workload.task(task), sites.get(s), platform);
            }
        }
        return cost;
    }

    private static double[][] optimisticCosts(Workload workload, Platform platform, List<Site> sites,
            double[][] cost) {
        int n = workload.size();
        double secondsPerByte = Levels.meanSecondsPerByte(platform);
        long[][] edgeBytes = workload.edgeBytes();
        double[][] oct = new double[n][sites.size()];
        int[] order = workload.order();
        for (int k = n - 1; k >= 0; k--) {
            int task = order[k];
            int[] successors = workload.successorsView(task);
            for (int s = 0; s < sites.size(); s++) {
                double longest = 0;
                for (int j = 0; j < successors.length; j++) {
                    int successor = successors[j];
                    double shortest = Double.POSITIVE_INFINITY;
                    for (int t = 0; t < sites.size(); t++) {
                        double via = oct[successor][t] + cost[successor][t]
                                + (t == s ? 0 : edgeBytes[task][j] * secondsPerByte);
                        shortest = Math.min(shortest, via);
                    }
                    longest = Math.max(longest, shortest);
                }
                oct[task][s] = longest;
            }
        }
        return oct;
    }
}
