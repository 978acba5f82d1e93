package io.dagline.core.policy;

import io.dagline.core.model.Resources;
import io.dagline.core.site.Network;
import java.util.List;
import java.util.Map;

/**
 * What a policy sees: the time, the ready tasks, each site's free slots and speed estimate, the network, and
 * what each pool is running.
 *
 * @param runningByPool tasks running per pool (FAIR); a pool not listed runs none
 * @param usageByPool resources in use per pool (DRF); a pool not listed uses none
 * @param capacity the resources of all sites together (DRF)
 */
public record SchedulingSnapshot(double now, List<ReadyTask> ready, List<SiteState> sites, Network network,
        Map<String, Integer> runningByPool, Map<String, Resources> usageByPool, Resources capacity) {

    public SchedulingSnapshot {
        ready = List.copyOf(ready);
        sites = List.copyOf(sites);
        runningByPool = Map.copyOf(runningByPool);
        usageByPool = Map.copyOf(usageByPool);
    }

    public SiteState site(String name) {
        for (SiteState site : sites) {
            if (site.name().equals(name)) {
                return site;
            }
        }
        throw new IllegalArgumentException("unknown site " + name);
    }

    public double fastestSpeed() {
        return sites.stream().filter(site -> site.slots() > 0).mapToDouble(SiteState::speed).max().orElse(1.0);
    }

    /**
     * Seconds to bring the task's inputs to the site; inputs already there cost nothing. A task that needs only
     * K of its N inputs reads the K cheapest to bring there (KMN: the best locality for that site).
     */
    public double transferSeconds(ReadyTask task, String site) {
        return transferSeconds(task.inputs(), task.needsAllInputs() ? task.inputs().size() : task.inputsNeeded(),
                site, network);
    }

    /** Seconds to bring the {@code needed} cheapest of the inputs to the site. */
    public static double transferSeconds(List<InputRef> inputs, int needed, String site, Network network) {
        double[] costs = new double[inputs.size()];
        for (int i = 0; i < costs.length; i++) {
            InputRef input = inputs.get(i);
            costs[i] = network.transferSeconds(input.site(), site, input.bytes());
        }
        if (needed < costs.length) {
            java.util.Arrays.sort(costs);
        }
        double seconds = 0;
        for (int i = 0; i < Math.min(needed, costs.length); i++) {
            seconds += costs[i];
        }
        return seconds;
    }

    /** The same moment with other ready tasks (a decorator shows its inner policy a subset). */
    public SchedulingSnapshot withReady(List<ReadyTask> tasks) {
        return new SchedulingSnapshot(now, tasks, sites, network, runningByPool, usageByPool, capacity);
    }

    /**
     * The same moment once the assignments started: their tasks leave the ready list, each holds a slot of its
     * site until its expected finish, and its pool runs one more task using its resources.
     */
    public SchedulingSnapshot afterStarting(List<Assignment> assignments) {
        if (assignments.isEmpty()) {
            return this;
        }
        Map<String, ReadyTask> byId = new java.util.HashMap<>();
        ready.forEach(task -> byId.put(task.taskId(), task));
        Map<String, List<Double>> busy = new java.util.LinkedHashMap<>();
        sites.forEach(site -> busy.put(site.name(), new java.util.ArrayList<>(site.busyUntil())));
        Map<String, Integer> running = new java.util.HashMap<>(runningByPool);
        Map<String, Resources> usage = new java.util.HashMap<>(usageByPool);
        java.util.Set<String> started = new java.util.HashSet<>();
        for (Assignment assignment : assignments) {
            ReadyTask task = byId.get(assignment.taskId());
            if (task == null || !started.add(task.taskId())) {
                throw new IllegalArgumentException("task " + assignment.taskId() + " is not ready");
            }
            busy.get(assignment.site()).add(now + durationAt(task, site(assignment.site())));
            String pool = task.pool() == null ? "default" : task.pool();
            running.merge(pool, 1, Integer::sum);
            usage.merge(pool, task.resources(), (a, b) -> new Resources(a.cpu() + b.cpu(),
                    a.memoryMb() + b.memoryMb()));
        }
        List<SiteState> after = sites.stream().map(site -> new SiteState(site.name(), site.speed(), site.slots(),
                busy.get(site.name()))).toList();
        List<ReadyTask> left = ready.stream().filter(task -> !started.contains(task.taskId())).toList();
        return new SchedulingSnapshot(now, left, after, network, running, usage, capacity);
    }

    public int freeSlots() {
        return sites.stream().mapToInt(SiteState::freeSlots).sum();
    }

    /** How long the task holds a slot at the site: its inputs' transfer, then its run at the site's speed. */
    public double durationAt(ReadyTask task, SiteState site) {
        return transferSeconds(task, site.name()) + task.runtimeSeconds() / site.speed();
    }
}
