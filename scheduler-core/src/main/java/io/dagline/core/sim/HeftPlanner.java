package io.dagline.core.sim;

import io.dagline.core.policy.HeftPolicy;
import io.dagline.core.policy.InputRef;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * HEFT (Topcuoglu, Hariri and Wu, 2002) without insertion: tasks by decreasing upward rank, each appended on
 * the slot where it finishes earliest, counting the transfer of its inputs from where the plan put their
 * producers. Immovable inputs restrict the sites, as everywhere.
 */
public final class HeftPlanner {

    /** The plan: site and planned start and finish of each task, in the workload's task order. */
    public record Plan(String[] site, double[] start, double[] finish) {

        public double makespan() {
            return Arrays.stream(finish).max().orElse(0);
        }
    }

    private HeftPlanner() {
    }

    public static HeftPolicy policy(Workload workload, Platform platform) {
        String[] site = plan(workload, platform).site();
        return new HeftPolicy(workload.byTaskId(i -> site[i]));
    }

    public static Plan plan(Workload workload, Platform platform) {
        int n = workload.size();
        Integer[] byRank = byDecreasingRank(workload, Levels.of(workload, platform).upwardRank());
        Map<String, double[]> slotFree = new HashMap<>();
        platform.sites().forEach(site -> slotFree.put(site.name(), new double[site.slots()]));
        String[] siteOf = new String[n];
        double[] start = new double[n];
        double[] finish = new double[n];
        for (int task : byRank) {
            double ready = 0;
            for (int predecessor : workload.task(task).predecessors()) {
                ready = Math.max(ready, finish[predecessor]);
            }
            List<InputRef> inputs = workload.inputsAt(task, siteOf);
            double bestFinish = Double.POSITIVE_INFINITY;
            for (Site site : platform.sites()) {
                if (site.slots() == 0 || !mayRunAt(inputs, site.name())) {
                    continue;
                }
                double[] slots = slotFree.get(site.name());
                int slot = earliest(slots);
                double begin = Math.max(ready, slots[slot]);
                double end = finishAt(begin, workload, platform, task, site, inputs);
                if (end < bestFinish) {
                    bestFinish = end;
                    siteOf[task] = site.name();
                    start[task] = begin;
                }
            }
            if (siteOf[task] == null) {
                throw new IllegalArgumentException("task " + workload.task(task).id() + " may run at no site");
            }
            finish[task] = bestFinish;
            double[] slots = slotFree.get(siteOf[task]);
            slots[earliest(slots)] = bestFinish;
        }
        return new Plan(siteOf, start, finish);
    }

    /** HEFT's order: the tasks by decreasing rank, ties in the workload's topological order. */
    static Integer[] byDecreasingRank(Workload workload, double[] rank) {
        int n = workload.size();
        int[] position = new int[n];
        int[] order = workload.order();
        for (int k = 0; k < n; k++) {
            position[order[k]] = k;
        }
        Integer[] byRank = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(byRank, Comparator.comparingDouble((Integer i) -> -rank[i]).thenComparingInt(i -> position[i]));
        return byRank;
    }

    /**
     * When the task, taking a slot at the site at {@code begin}, finishes: its inputs moved there, then its run at the
     * site's speed (summed in this order, so that every planner computes the same bits).
     */
    static double finishAt(double begin, Workload workload, Platform platform, int task, Site site,
            List<InputRef> inputs) {
        return begin + transferSeconds(inputs, site.name(), platform)
                + workload.task(task).runtimeSeconds() / site.speed();
    }

    static double transferSeconds(List<InputRef> inputs, String site, Platform platform) {
        double seconds = 0;
        for (InputRef input : inputs) {
            seconds += platform.network().transferSeconds(input.site(), site, input.bytes());
        }
        return seconds;
    }

    static boolean mayRunAt(List<InputRef> inputs, String site) {
        return inputs.stream().noneMatch(input -> input.immovable() && !input.site().equals(site));
    }

    /** The slot free first. */
    static int earliest(double[] slots) {
        int best = 0;
        for (int i = 1; i < slots.length; i++) {
            if (slots[i] < slots[best]) {
                best = i;
            }
        }
        return best;
    }
}
