package io.dagline.core.sim;

import io.dagline.core.model.JobSpec;
import io.dagline.core.model.Resources;
import io.dagline.core.policy.Assignment;
import io.dagline.core.policy.InputRef;
import io.dagline.core.policy.ReadyTask;
import io.dagline.core.policy.SchedulingPolicy;
import io.dagline.core.policy.SchedulingSnapshot;
import io.dagline.core.policy.SiteState;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import io.dagline.core.wfformat.WfWorkflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Discrete-event replay of a workload on a platform under a policy. Time jumps from one task completion to the
 * next; after each, the policy is asked, through the same {@link SchedulingSnapshot} the live scheduler builds,
 * which ready tasks start where. A task holds its slot while its inputs arrive and while it runs:
 * transfer (bytes / bandwidth for each input not at the site) + runtime / speed. Site speeds are known
 * exactly. Nothing here is random: the seed only places the input files.
 */
public final class Simulator {

    /** Capacity the DRF policy sees: one cpu per slot, memory not scarce. */
    private static final long MEMORY_MB_PER_SLOT = 1L << 20;

    private record Completion(double time, long sequence, int task) {
    }

    private final Workload workload;
    private final Platform platform;
    private final SchedulingPolicy policy;
    private final Levels levels;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final Map<String, ReadyTask> ready = new LinkedHashMap<>();
    private final Map<String, List<Double>> busyUntil = new LinkedHashMap<>();
    private final Map<String, Integer> runningByPool = new HashMap<>();
    private final Map<String, Resources> usageByPool = new HashMap<>();
    private final PriorityQueue<Completion> completions = new PriorityQueue<>((a, b) -> a.time() != b.time()
            ? Double.compare(a.time(), b.time()) : Long.compare(a.sequence(), b.sequence()));
    private final String[] siteOf;
    private final TaskRun[] runs;
    private final int[] waitingFor;
    private long sequence;
    private double now;

    private Simulator(Workload workload, Platform platform, SchedulingPolicy policy) {
        this.workload = workload;
        this.platform = platform;
        this.policy = policy;
        this.levels = Levels.of(workload, platform);
        this.siteOf = new String[workload.size()];
        this.runs = new TaskRun[workload.size()];
        this.waitingFor = new int[workload.size()];
        platform.sites().forEach(site -> busyUntil.put(site.name(), new ArrayList<>()));
    }

    /** A recorded workflow, its input files placed at the platform's sites from the seed. */
    public static SimulationResult run(WfWorkflow workflow, Platform platform, SchedulingPolicy policy, long seed) {
        return run(Workloads.of(workflow, platform.siteNames(), InputPlacement.seeded(seed)), platform, policy);
    }

    /** A submitted job, its data where its references say (nothing is random, so the seed is not needed). */
    public static SimulationResult run(JobSpec job, Platform platform, SchedulingPolicy policy) {
        return run(Workloads.of(job), platform, policy);
    }

    public static SimulationResult run(Workload workload, Platform platform, SchedulingPolicy policy) {
        return new Simulator(workload, platform, policy).run();
    }

    private SimulationResult run() {
        for (int i = 0; i < workload.size(); i++) {
            if (indexById.put(workload.task(i).id(), i) != null) {
                throw new IllegalArgumentException("duplicate task id " + workload.task(i).id());
            }
            waitingFor[i] = workload.task(i).predecessors().size();
        }
        for (int i = 0; i < workload.size(); i++) {
            if (waitingFor[i] == 0) {
                becomeReady(i);
            }
        }
        int finished = 0;
        while (finished < workload.size()) {
            if (!ready.isEmpty() && anySlotFree()) {
                policy.assign(snapshot()).forEach(this::start);
            }
            if (completions.isEmpty()) {
                throw new IllegalStateException("policy " + policy + " left " + ready.size()
                        + " ready tasks waiting with nothing running");
            }
            now = completions.peek().time();
            while (!completions.isEmpty() && completions.peek().time() == now) {
                complete(completions.poll().task());
                finished++;
            }
        }
        return result();
    }

    private void becomeReady(int task) {
        WorkTask spec = workload.task(task);
        List<InputRef> inputs = workload.inputsAt(task, siteOf);
        ready.put(spec.id(), new ReadyTask(spec.id(), workload.name() == null ? "job" : workload.name(), sequence++,
                spec.pool(), spec.runtimeSeconds(), levels.upwardRank()[task], levels.earliestStart()[task],
                levels.floatTime()[task], inputs, spec.resources()));
    }

    private boolean anySlotFree() {
        return platform.sites().stream().anyMatch(site -> busyUntil.get(site.name()).size() < site.slots());
    }

    private SchedulingSnapshot snapshot() {
        List<SiteState> sites = new ArrayList<>();
        for (Site site : platform.sites()) {
            sites.add(new SiteState(site.name(), site.speed(), site.slots(), busyUntil.get(site.name())));
        }
        Resources capacity = new Resources(platform.totalSlots(), platform.totalSlots() * MEMORY_MB_PER_SLOT);
        return new SchedulingSnapshot(now, new ArrayList<>(ready.values()), sites, platform.network(),
                runningByPool, usageByPool, capacity);
    }

    private void start(Assignment assignment) {
        ReadyTask task = ready.remove(assignment.taskId());
        if (task == null) {
            throw new IllegalStateException("policy " + policy + " assigned " + assignment.taskId()
                    + ", which is not ready or already started");
        }
        Site site = platform.site(assignment.site());
        List<Double> busy = busyUntil.get(site.name());
        if (busy.size() >= site.slots()) {
            throw new IllegalStateException("policy " + policy + " assigned " + task.taskId() + " to " + site.name()
                    + ", which has no free slot");
        }
        if (!task.mayRunAt(site.name())) {
            throw new IllegalStateException("policy " + policy + " moved " + task.taskId() + " away from its"
                    + " immovable input at " + task.pinnedSite());
        }
        int index = indexById.get(task.taskId());
        double transfer = HeftPlanner.transferSeconds(task.inputs(), site.name(), platform);
        double finish = now + transfer + task.runtimeSeconds() / site.speed();
        siteOf[index] = site.name();
        runs[index] = new TaskRun(task.taskId(), site.name(), now, finish, transfer);
        busy.add(finish);
        runningByPool.merge(task.pool(), 1, Integer::sum);
        usageByPool.merge(task.pool(), task.resources(), Simulator::plus);
        completions.add(new Completion(finish, sequence++, index));
    }

    private void complete(int task) {
        TaskRun run = runs[task];
        busyUntil.get(run.site()).remove(run.finish());
        WorkTask spec = workload.task(task);
        runningByPool.merge(spec.pool(), -1, Integer::sum);
        usageByPool.merge(spec.pool(), spec.resources(), Simulator::minus);
        for (int successor : workload.successorsView(task)) {
            if (--waitingFor[successor] == 0) {
                becomeReady(successor);
            }
        }
    }

    private SimulationResult result() {
        double makespan = 0;
        double busy = 0;
        for (TaskRun run : runs) {
            makespan = Math.max(makespan, run.finish());
            busy += run.finish() - run.start();
        }
        double utilisation = makespan > 0 ? busy / (platform.totalSlots() * makespan) : 0;
        return new SimulationResult(workload.name(), makespan, utilisation, List.of(runs));
    }

    private static Resources plus(Resources a, Resources b) {
        return new Resources(a.cpu() + b.cpu(), a.memoryMb() + b.memoryMb());
    }

    private static Resources minus(Resources a, Resources b) {
        return new Resources(a.cpu() - b.cpu(), a.memoryMb() - b.memoryMb());
    }
}
