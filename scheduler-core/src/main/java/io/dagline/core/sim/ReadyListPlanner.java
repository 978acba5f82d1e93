package io.dagline.core.sim;

import io.dagline.core.policy.InputRef;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The list scheduling PEFT and CPOP share: ready tasks by decreasing priority, each appended on the slot of the
 * site with the least score, a function of where and when it would finish there (inputs moved from where the plan
 * put their producers; immovable inputs restrict the sites).
 */
final class ReadyListPlanner {

    /** What a task placed at a site would cost: the least wins; infinite where it must not go. */
    interface SiteScore {
        double score(int task, int site, double finish, List<InputRef> inputs);
    }

    private ReadyListPlanner() {
    }

    /** The site of each task, in the workload's task order; {@code site} in a score indexes {@code sites}. */
    static String[] plan(Workload workload, Platform platform, List<Site> sites, double[] priority, SiteScore score) {
        int n = workload.size();
        Map<String, double[]> slotFree = new HashMap<>();
        sites.forEach(site -> slotFree.put(site.name(), new double[site.slots()]));
        String[] siteOf = new String[n];
        double[] finish = new double[n];
        int[] waiting = new int[n];
        PriorityQueue<Integer> ready = new PriorityQueue<>((a, b) -> priority[a] != priority[b]
                ? Double.compare(priority[b], priority[a]) : Integer.compare(a, b));
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
                double end = HeftPlanner.finishAt(Math.max(readyAt, slots[HeftPlanner.earliest(slots)]), workload,
                        platform, task, site, inputs);
                double placed = score.score(task, s, end, inputs);
                if (placed < best) {
                    best = placed;
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
        return siteOf;
    }
}
