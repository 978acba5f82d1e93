package io.dagline.core.sim;

import io.dagline.core.policy.InputRef;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lookahead HEFT (Bittencourt, Sakellariou and Madeira, 2010): HEFT's order, but a task goes to the site that
 * minimises the latest earliest finish of its successors, each placed by HEFT's rule on a copy of the plan that
 * has the task there (ties: the task's own finish). HEFT looks at the task alone; this sees that sending it away
 * from where its successors' other inputs are makes them wait for transfers.
 */
public final class LookaheadHeftPlanner {

    private final Workload workload;
    private final Platform platform;
    private final List<Site> sites;
    private final double[] rank;

    private LookaheadHeftPlanner(Workload workload, Platform platform) {
        this.workload = workload;
        this.platform = platform;
        this.sites = platform.sites().stream().filter(site -> site.slots() > 0).toList();
        this.rank = Levels.of(workload, platform).upwardRank();
    }

    /** The site of each task, in the workload's task order. */
    public static String[] sites(Workload workload, Platform platform) {
        return new LookaheadHeftPlanner(workload, platform).plan();
    }

    private String[] plan() {
        int n = workload.size();
        Map<String, double[]> slotFree = new HashMap<>();
        sites.forEach(site -> slotFree.put(site.name(), new double[site.slots()]));
        String[] siteOf = new String[n];
        double[] finish = new double[n];
        for (int task : HeftPlanner.byDecreasingRank(workload, rank)) {
            String chosen = null;
            double chosenLookahead = Double.POSITIVE_INFINITY;
            double chosenFinish = Double.POSITIVE_INFINITY;
            List<InputRef> inputs = workload.inputsAt(task, siteOf);
            double ready = readyAt(task, siteOf, finish);
            for (Site site : sites) {
                double own = finishAt(task, site, inputs, ready, slotFree);
                if (own == Double.POSITIVE_INFINITY) {
                    continue;
                }
                double lookahead = successorsFinish(task, site.name(), own, siteOf, finish, slotFree);
                if (lookahead < chosenLookahead || (lookahead == chosenLookahead && own < chosenFinish)) {
                    chosen = site.name();
                    chosenLookahead = lookahead;
                    chosenFinish = own;
                }
            }
            if (chosen == null) {
                throw new IllegalArgumentException("task " + workload.task(task).id() + " may run at no site");
            }
            siteOf[task] = chosen;
            finish[task] = chosenFinish;
            double[] slots = slotFree.get(chosen);
            slots[HeftPlanner.earliest(slots)] = chosenFinish;
        }
        return siteOf;
    }

    /**
     * The latest finish of the task's successors, each (by decreasing rank) put where it finishes first on a copy
     * of the plan with the task at {@code site}; a successor's unplanned predecessors are left out. The task's own
     * finish when it has no successors.
     */
    private double successorsFinish(int task, String site, double ownFinish, String[] siteOf, double[] finish,
            Map<String, double[]> slotFree) {
        int[] successors = workload.successorsView(task);
        if (successors.length == 0) {
            return ownFinish;
        }
        Map<String, double[]> tentativeSlots = new HashMap<>();
        slotFree.forEach((name, slots) -> tentativeSlots.put(name, slots.clone()));
        siteOf[task] = site;
        finish[task] = ownFinish;
        double[] taskSlots = tentativeSlots.get(site);
        taskSlots[HeftPlanner.earliest(taskSlots)] = ownFinish;
        Integer[] byRank = Arrays.stream(successors).filter(successor -> siteOf[successor] == null).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(byRank, Comparator.comparingDouble((Integer i) -> -rank[i]).thenComparingInt(i -> i));
        double latest = ownFinish;
        for (int successor : byRank) {
            double best = Double.POSITIVE_INFINITY;
            String bestSite = null;
            List<InputRef> inputs = workload.inputsAt(successor, siteOf);
            double ready = readyAt(successor, siteOf, finish);
            for (Site candidate : sites) {
                double end = finishAt(successor, candidate, inputs, ready, tentativeSlots);
                if (end < best) {
                    best = end;
                    bestSite = candidate.name();
                }
            }
            if (bestSite != null) {
                siteOf[successor] = bestSite;
                finish[successor] = best;
                double[] slots = tentativeSlots.get(bestSite);
                slots[HeftPlanner.earliest(slots)] = best;
                latest = Math.max(latest, best);
            }
        }
        // The plan is left as it was: only the task itself is placed, by the caller.
        for (int successor : byRank) {
            siteOf[successor] = null;
            finish[successor] = 0;
        }
        siteOf[task] = null;
        finish[task] = 0;
        return latest;
    }

    /** When the task's planned predecessors have finished; those not planned yet are left out. */
    private double readyAt(int task, String[] siteOf, double[] finish) {
        double ready = 0;
        for (int predecessor : workload.task(task).predecessors()) {
            if (siteOf[predecessor] != null) {
                ready = Math.max(ready, finish[predecessor]);
            }
        }
        return ready;
    }

    /** HEFT's earliest finish of the task at the site given the plan so far (infinite where it may not run). */
    private double finishAt(int task, Site site, List<InputRef> inputs, double ready, Map<String, double[]> slotFree) {
        if (!HeftPlanner.mayRunAt(inputs, site.name())) {
            return Double.POSITIVE_INFINITY;
        }
        double[] slots = slotFree.get(site.name());
        return HeftPlanner.finishAt(Math.max(ready, slots[HeftPlanner.earliest(slots)]), workload, platform, task, site,
                inputs);
    }
}
