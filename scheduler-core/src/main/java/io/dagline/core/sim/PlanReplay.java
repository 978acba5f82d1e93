package io.dagline.core.sim;

import io.dagline.core.policy.HeftPolicy;
import io.dagline.core.policy.SchedulingSnapshot;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What {@link Simulator} computes for a static plan run by {@link HeftPolicy} with exact estimates, without
 * building a snapshot per decision: one queue of ready tasks per site, by priority. A plan search replays a job
 * many times, and the general simulator sorts every ready task at every decision (hundreds of milliseconds
 * for a thousand-task job); this takes about a millisecond. The two agree to the last bit (see
 * {@code PlanReplayTest}); workloads with barrier groups or K-of-N inputs are not supported here.
 */
final class PlanReplay {

    /** Where, from when and until when each task ran, by task index. */
    record Schedule(int[] site, double[] start, double[] finish, double makespan) {
    }

    private final Workload workload;
    private final Platform platform;
    private final List<Site> sites;
    private final Map<String, Integer> siteIndex = new HashMap<>();

    PlanReplay(Workload workload, Platform platform) {
        for (WorkTask task : workload.tasks()) {
            if (task.barrierGroup() != null || task.inputsNeeded() > 0) {
                throw new IllegalArgumentException("task " + task.id() + ": barrier groups and K-of-N inputs are"
                        + " replayed by the Simulator only");
            }
        }
        this.workload = workload;
        this.platform = platform;
        this.sites = platform.sites();
        for (int s = 0; s < sites.size(); s++) {
            siteIndex.put(sites.get(s).name(), s);
        }
    }

    static boolean supports(Workload workload) {
        return workload.tasks().stream().allMatch(task -> task.barrierGroup() == null && task.inputsNeeded() == 0);
    }

    /**
     * @param siteOf the planned site of each task, by index
     * @param priority each task's priority, by index: higher first, ties in the order the tasks became ready
     */
    Schedule run(String[] siteOf, double[] priority) {
        int n = workload.size();
        int[] site = new int[n];
        for (int i = 0; i < n; i++) {
            site[i] = siteIndex.get(siteOf[i]);
        }
        long[] readyOrder = new long[n];
        Comparator<Integer> byPriority = (a, b) -> priority[a] != priority[b] ? Double.compare(priority[b], priority[a])
                : Long.compare(readyOrder[a], readyOrder[b]);
        List<PriorityQueue<Integer>> queues = new ArrayList<>();
        int[] running = new int[sites.size()];
        for (int s = 0; s < sites.size(); s++) {
            queues.add(new PriorityQueue<>(byPriority));
        }
        PriorityQueue<double[]> completions = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0])
                : Double.compare(a[1], b[1]));
        String[] ranAt = new String[n];
        double[] start = new double[n];
        double[] finish = new double[n];
        double[] transfer = new double[n];
        int[] waiting = new int[n];
        long readySequence = 0;
        long launchSequence = 0;
        for (int i = 0; i < n; i++) {
            waiting[i] = workload.task(i).predecessors().size();
        }
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                readyOrder[i] = readySequence++;
                transfer[i] = transferAt(i, ranAt, sites.get(site[i]).name());
                queues.get(site[i]).add(i);
            }
        }
        double now = 0;
        int finished = 0;
        List<Integer> starting = new ArrayList<>();
        while (finished < n) {
            starting.clear();
            for (int s = 0; s < sites.size(); s++) {
                PriorityQueue<Integer> queue = queues.get(s);
                while (running[s] < sites.get(s).slots() && !queue.isEmpty()) {
                    starting.add(queue.poll());
                    running[s]++;
                }
            }
            starting.sort(byPriority);
            for (int task : starting) {
                Site at = sites.get(site[task]);
                start[task] = now;
                finish[task] = now + transfer[task] + workload.task(task).runtimeSeconds() / at.speed();
                completions.add(new double[] {finish[task], launchSequence++, task});
            }
            if (completions.isEmpty()) {
                throw new IllegalStateException("plan leaves tasks that can never start (a site without slots?)");
            }
            now = completions.peek()[0];
            while (!completions.isEmpty() && completions.peek()[0] == now) {
                int task = (int) completions.poll()[2];
                running[site[task]]--;
                ranAt[task] = sites.get(site[task]).name();
                finished++;
                for (int successor : workload.successorsView(task)) {
                    if (--waiting[successor] == 0) {
                        readyOrder[successor] = readySequence++;
                        transfer[successor] = transferAt(successor, ranAt, sites.get(site[successor]).name());
                        queues.get(site[successor]).add(successor);
                    }
                }
            }
        }
        double makespan = 0;
        for (double end : finish) {
            makespan = Math.max(makespan, end);
        }
        return new Schedule(site, start, finish, makespan);
    }

    private double transferAt(int task, String[] ranAt, String site) {
        var inputs = workload.inputsAt(task, ranAt);
        return SchedulingSnapshot.transferSeconds(inputs, inputs.size(), site, platform.network());
    }
}
