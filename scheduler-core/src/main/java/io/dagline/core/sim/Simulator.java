package io.dagline.core.sim;

import io.dagline.core.estimate.SpeedEstimator;
import io.dagline.core.model.JobSpec;
import io.dagline.core.model.Resources;
import io.dagline.core.policy.Assignment;
import io.dagline.core.policy.HeftPolicy;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Discrete-event replay of a workload on a platform under a policy. Time jumps from one attempt's end to the
 * next, or to a moment the policy or the speculation rule asked to be woken at; each time, the policy is asked,
 * through the same {@link SchedulingSnapshot} the live scheduler builds, which ready tasks start where. A task
 * holds its slot while its inputs arrive and while it runs: transfer (bytes / bandwidth for each input not at the
 * site) + runtime / speed.
 *
 * <p>By default site speeds are known exactly and nothing is random (the seed only places the input files);
 * {@link SimulationOptions} adds learnt speeds, stragglers, speculation and failures. Barrier groups and K-of-N
 * inputs come with the workload; the simulator checks that the policy starts a barrier group whole.
 */
public final class Simulator {

    /** Capacity the DRF policy sees: one cpu per slot, memory not scarce. */
    private static final long MEMORY_MB_PER_SLOT = 1L << 20;

    /** One attempt of a task on a slot. */
    private static final class Attempt {
        final int task;
        final int number;
        final String site;
        final double start;
        final double expectedFinish;
        final double finish;
        final double transfer;
        final boolean copy;
        final boolean fails;
        boolean live = true;
        double end;

        Attempt(int task, int number, String site, double start, double expectedFinish, double finish,
                double transfer, boolean copy, boolean fails) {
            this.task = task;
            this.number = number;
            this.site = site;
            this.start = start;
            this.expectedFinish = expectedFinish;
            this.finish = finish;
            this.transfer = transfer;
            this.copy = copy;
            this.fails = fails;
        }
    }

    private record Completion(double time, long sequence, Attempt attempt) {
    }

    private final Workload workload;
    private final Platform platform;
    private final SchedulingPolicy policy;
    private final SimulationOptions options;
    private final SpeedEstimator estimator = new SpeedEstimator();
    /** The workload as the policy is told it: the estimates when there are, else the workload itself. */
    private final Workload told;
    private final Levels levels;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final Map<String, ReadyTask> ready = new LinkedHashMap<>();
    private final Map<String, List<Attempt>> runningAt = new LinkedHashMap<>();
    private final Map<String, Integer> runningByPool = new HashMap<>();
    private final Map<String, Resources> usageByPool = new HashMap<>();
    private final PriorityQueue<Completion> completions = new PriorityQueue<>((a, b) -> a.time() != b.time()
            ? Double.compare(a.time(), b.time()) : Long.compare(a.sequence(), b.sequence()));
    private final String[] siteOf;
    private final TaskRun[] runs;
    private final int[] waitingFor;
    private final int[] attemptsOf;
    private final int[] failuresOf;
    private final boolean[] done;
    private final List<List<Attempt>> liveAttempts = new ArrayList<>();
    private final Map<String, List<Integer>> barrierMembers = new HashMap<>();
    private final Map<String, Set<Integer>> barrierFinished = new HashMap<>();
    private final Map<String, List<Double>> finishedRuntimesByKind = new HashMap<>();
    private final Map<String, Integer> tasksByKind = new HashMap<>();
    private final Set<Integer> copied = new HashSet<>();
    private final List<Attempt> allAttempts = new ArrayList<>();
    private int speculativeCopies;
    private int copiesThatWon;
    private int failedAttempts;
    private long sequence;
    private double now;

    private Simulator(Workload workload, Platform platform, SchedulingPolicy policy, SimulationOptions options) {
        this.workload = workload;
        this.platform = platform;
        this.policy = policy;
        this.options = options;
        this.told = options.estimates() == null ? workload : options.estimates();
        if (told.size() != workload.size()) {
            throw new IllegalArgumentException("estimates for " + told.size() + " tasks, workload of " + workload.size());
        }
        this.levels = Levels.of(told, platform);
        int n = workload.size();
        this.siteOf = new String[n];
        this.runs = new TaskRun[n];
        this.waitingFor = new int[n];
        this.attemptsOf = new int[n];
        this.failuresOf = new int[n];
        this.done = new boolean[n];
        platform.sites().forEach(site -> runningAt.put(site.name(), new ArrayList<>()));
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
        return run(workload, platform, policy, SimulationOptions.exact());
    }

    public static SimulationResult run(Workload workload, Platform platform, SchedulingPolicy policy,
            SimulationOptions options) {
        return new Simulator(workload, platform, policy, options).run();
    }

    /**
     * The makespan of a static plan with exact estimates: {@link PlanReplay}'s replay (the same to the last bit, in
     * about a millisecond per thousand tasks instead of seconds for a large job) where it applies, i.e. the plan
     * places every task and the job has no barrier groups or K-of-N inputs; else a full run.
     */
    public static double planMakespan(Workload workload, Platform platform, HeftPolicy plan) {
        int n = workload.size();
        String[] sites = new String[n];
        for (int i = 0; i < n; i++) {
            sites[i] = plan.plannedSite().get(workload.task(i).id());
            if (sites[i] == null) {
                return run(workload, platform, plan).makespan();
            }
        }
        if (!PlanReplay.supports(workload)) {
            return run(workload, platform, plan).makespan();
        }
        double[] priority = Levels.of(workload, platform).upwardRank();
        for (int i = 0; i < n; i++) {
            priority[i] = plan.priority().getOrDefault(workload.task(i).id(), priority[i]);
        }
        return new PlanReplay(workload, platform).run(sites, priority).makespan();
    }

    private SimulationResult run() {
        for (int i = 0; i < workload.size(); i++) {
            WorkTask task = workload.task(i);
            if (indexById.put(task.id(), i) != null) {
                throw new IllegalArgumentException("duplicate task id " + task.id());
            }
            waitingFor[i] = task.predecessorsNeeded();
            liveAttempts.add(new ArrayList<>());
            if (task.barrierGroup() != null) {
                barrierMembers.computeIfAbsent(task.barrierGroup(), g -> new ArrayList<>()).add(i);
            }
            tasksByKind.merge(task.pool(), 1, Integer::sum);
        }
        for (int i = 0; i < workload.size(); i++) {
            if (waitingFor[i] == 0) {
                becomeReady(i);
            }
        }
        int finished = 0;
        while (finished < workload.size()) {
            double wake = Double.POSITIVE_INFINITY;
            if (!ready.isEmpty() && anySlotFree()) {
                SchedulingSnapshot snapshot = snapshot();
                List<Assignment> assignments = policy.assign(snapshot);
                assignments.forEach(this::start);
                checkBarriersWhole(assignments);
                if (!ready.isEmpty() && anySlotFree()) {
                    wake = policy.nextDecisionTime(snapshot.afterStarting(assignments));
                }
            }
            if (options.speculation() != null) {
                wake = Math.min(wake, speculate());
            }
            double nextEnd = completions.isEmpty() ? Double.POSITIVE_INFINITY : completions.peek().time();
            if (!(wake > now)) {
                wake = Double.POSITIVE_INFINITY;
            }
            if (nextEnd == Double.POSITIVE_INFINITY && wake == Double.POSITIVE_INFINITY) {
                throw new IllegalStateException("policy " + policy + " left " + ready.size()
                        + " ready tasks waiting with nothing running");
            }
            if (wake < nextEnd) {
                now = wake;
                continue;
            }
            now = nextEnd;
            while (!completions.isEmpty() && completions.peek().time() == now) {
                finished += end(completions.poll().attempt());
            }
        }
        return result();
    }

    private void becomeReady(int task) {
        WorkTask spec = workload.task(task);
        List<InputRef> inputs = workload.inputsAt(task, siteOf);
        if (spec.inputsNeeded() > 0) {
            inputs = availableInputs(spec, inputs);
        }
        ReadyTask.Barrier barrier = spec.barrierGroup() == null ? null
                : new ReadyTask.Barrier(spec.barrierGroup(), barrierMembers.get(spec.barrierGroup()).size());
        ready.put(spec.id(), new ReadyTask(spec.id(), workload.name() == null ? "job" : workload.name(), sequence++,
                spec.pool(), told.task(task).runtimeSeconds(), levels.upwardRank()[task], levels.earliestStart()[task],
                levels.floatTime()[task], inputs, spec.resources(), 0, now, barrier, spec.inputsNeeded()));
    }

    /** K of N: only the outputs of predecessors that finished exist yet; workflow inputs always do. */
    private List<InputRef> availableInputs(WorkTask spec, List<InputRef> inputs) {
        List<InputRef> available = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            DataInput input = spec.inputs().get(i);
            if (!input.isProduced() || done[input.producer()]) {
                available.add(inputs.get(i));
            }
        }
        return available;
    }

    private boolean anySlotFree() {
        return platform.sites().stream().anyMatch(site -> runningAt.get(site.name()).size() < site.slots());
    }

    private double speedSeen(Site site) {
        return options.declaredSpeeds() == null ? site.speed()
                : estimator.speedOfSite(site.name(), options.declaredSpeeds().getOrDefault(site.name(), 1.0));
    }

    private SchedulingSnapshot snapshot() {
        List<SiteState> sites = new ArrayList<>();
        for (Site site : platform.sites()) {
            List<Double> busyUntil = runningAt.get(site.name()).stream()
                    .map(attempt -> Math.max(now, attempt.expectedFinish)).toList();
            sites.add(new SiteState(site.name(), speedSeen(site), site.slots(), busyUntil));
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
        if (runningAt.get(site.name()).size() >= site.slots()) {
            throw new IllegalStateException("policy " + policy + " assigned " + task.taskId() + " to " + site.name()
                    + ", which has no free slot");
        }
        if (!task.mayRunAt(site.name())) {
            throw new IllegalStateException("policy " + policy + " moved " + task.taskId() + " away from its"
                    + " immovable input at " + task.pinnedSite());
        }
        int index = indexById.get(task.taskId());
        launch(index, task, site, false);
        runningByPool.merge(task.pool(), 1, Integer::sum);
        usageByPool.merge(task.pool(), task.resources(), Simulator::plus);
    }

    private void launch(int index, ReadyTask task, Site site, boolean copy) {
        int number = ++attemptsOf[index];
        double transfer = SchedulingSnapshot.transferSeconds(task.inputs(),
                task.needsAllInputs() ? task.inputs().size() : task.inputsNeeded(), site.name(), platform.network());
        double slowdown = options.stragglers() == null ? 1.0 : options.stragglers().slowdown(task.taskId(), number);
        double finish = now + transfer + workload.task(index).runtimeSeconds() / site.speed() * slowdown;
        double expectedFinish = now + transfer + task.runtimeSeconds() / speedSeen(site);
        boolean fails = options.failures() != null && options.failures().fails(task.taskId(), number);
        Attempt attempt = new Attempt(index, number, site.name(), now, expectedFinish, finish, transfer, copy, fails);
        runningAt.get(site.name()).add(attempt);
        liveAttempts.get(index).add(attempt);
        allAttempts.add(attempt);
        completions.add(new Completion(finish, sequence++, attempt));
    }

    private void checkBarriersWhole(List<Assignment> assignments) {
        for (Assignment assignment : assignments) {
            String group = workload.task(indexById.get(assignment.taskId())).barrierGroup();
            if (group != null) {
                for (int member : barrierMembers.get(group)) {
                    if (liveAttempts.get(member).isEmpty() && !done[member]) {
                        throw new IllegalStateException("policy " + policy + " started part of barrier group "
                                + group + " without " + workload.task(member).id());
                    }
                }
            }
        }
    }

    /** The attempt ends; returns how many tasks finished for good (a barrier group finishes all at once). */
    private int end(Attempt attempt) {
        if (!attempt.live) {
            return 0;
        }
        stop(attempt);
        WorkTask spec = workload.task(attempt.task);
        if (attempt.fails) {
            failedAttempts++;
            if (!liveAttempts.get(attempt.task).isEmpty()) {
                return 0;
            }
            if (++failuresOf[attempt.task] >= options.failures().maxAttempts()) {
                throw new IllegalStateException("task " + spec.id() + " failed " + failuresOf[attempt.task]
                        + " times");
            }
            releasePool(spec);
            if (spec.barrierGroup() != null) {
                return failBarrierGroup(spec.barrierGroup());
            }
            retry(attempt.task);
            return 0;
        }
        if (options.declaredSpeeds() != null) {
            estimator.observe(attempt.site, null, options.declaredSpeeds().getOrDefault(attempt.site, 1.0),
                    told.task(attempt.task).runtimeSeconds(), attempt.finish - attempt.start - attempt.transfer);
        }
        for (Attempt other : List.copyOf(liveAttempts.get(attempt.task))) {
            stop(other);
        }
        if (attempt.copy) {
            copiesThatWon++;
        }
        siteOf[attempt.task] = attempt.site;
        runs[attempt.task] = new TaskRun(spec.id(), attempt.site, attempt.start, attempt.finish, attempt.transfer);
        releasePool(spec);
        finishedRuntimesByKind.computeIfAbsent(spec.pool(), k -> new ArrayList<>()).add(attempt.finish - attempt.start);
        if (spec.barrierGroup() != null) {
            Set<Integer> finishedMembers = barrierFinished.computeIfAbsent(spec.barrierGroup(), g -> new HashSet<>());
            finishedMembers.add(attempt.task);
            if (finishedMembers.size() < barrierMembers.get(spec.barrierGroup()).size()) {
                return 0;
            }
            barrierFinished.remove(spec.barrierGroup());
            barrierMembers.get(spec.barrierGroup()).forEach(this::complete);
            return finishedMembers.size();
        }
        complete(attempt.task);
        return 1;
    }

    private void stop(Attempt attempt) {
        attempt.live = false;
        attempt.end = Math.min(now, attempt.finish);
        runningAt.get(attempt.site).remove(attempt);
        liveAttempts.get(attempt.task).remove(attempt);
    }

    private void releasePool(WorkTask spec) {
        runningByPool.merge(spec.pool(), -1, Integer::sum);
        usageByPool.merge(spec.pool(), spec.resources(), Simulator::minus);
    }

    /** One task failed: every task of its group is stopped (or its result dropped) and becomes ready again. */
    private int failBarrierGroup(String group) {
        for (int member : barrierMembers.get(group)) {
            List<Attempt> live = List.copyOf(liveAttempts.get(member));
            for (Attempt other : live) {
                stop(other);
                failedAttempts++;
            }
            if (!live.isEmpty()) {
                releasePool(workload.task(member));
            }
            runs[member] = null;
        }
        barrierFinished.remove(group);
        for (int member : barrierMembers.get(group)) {
            retry(member);
        }
        return 0;
    }

    private void retry(int task) {
        copied.remove(task);
        becomeReady(task);
    }

    private void complete(int task) {
        done[task] = true;
        for (int successor : workload.successorsView(task)) {
            if (--waitingFor[successor] == 0) {
                becomeReady(successor);
            }
        }
    }

    /**
     * Launches copies of attempts that run too long on slots the policy left free (Spark offers regular tasks
     * first); returns when the next running attempt would become too long, to be woken then.
     */
    private double speculate() {
        double nextCheck = Double.POSITIVE_INFINITY;
        List<Attempt> running = new ArrayList<>();
        runningAt.values().forEach(running::addAll);
        running.sort((a, b) -> Double.compare(a.start, b.start));
        for (Attempt attempt : running) {
            WorkTask spec = workload.task(attempt.task);
            if (copied.contains(attempt.task) || spec.barrierGroup() != null || !attempt.live) {
                continue;
            }
            double[] finishedRuntimes = finishedRuntimesByKind.getOrDefault(spec.pool(), List.of()).stream()
                    .mapToDouble(Double::doubleValue).toArray();
            var threshold = options.speculation().threshold(finishedRuntimes, tasksByKind.get(spec.pool()));
            if (threshold.isEmpty()) {
                continue;
            }
            if (!options.speculation().shouldCopy(now - attempt.start, threshold)) {
                nextCheck = Math.min(nextCheck, Math.nextUp(attempt.start + threshold.getAsDouble()));
                continue;
            }
            Site site = siteForCopy(attempt);
            if (site != null) {
                copied.add(attempt.task);
                speculativeCopies++;
                ReadyTask task = new ReadyTask(spec.id(), "job", 0, spec.pool(), spec.runtimeSeconds(), 0, 0, 0,
                        workload.inputsAt(attempt.task, siteOf), spec.resources(), 0, now, null,
                        spec.inputsNeeded());
                launch(attempt.task, task, site, true);
            }
        }
        return nextCheck;
    }

    /** A free slot where the copy would finish first, by the speeds the policy sees; another site preferred. */
    private Site siteForCopy(Attempt original) {
        WorkTask spec = workload.task(original.task);
        List<InputRef> inputs = workload.inputsAt(original.task, siteOf);
        Site best = null;
        double bestFinish = Double.POSITIVE_INFINITY;
        for (Site site : platform.sites()) {
            if (runningAt.get(site.name()).size() >= site.slots() || !spec.mayRunAt(site.name())) {
                continue;
            }
            double finish = HeftPlanner.transferSeconds(inputs, site.name(), platform)
                    + spec.runtimeSeconds() / speedSeen(site) + (site.name().equals(original.site) ? 1e-9 : 0);
            if (finish < bestFinish) {
                best = site;
                bestFinish = finish;
            }
        }
        return best;
    }

    private SimulationResult result() {
        double makespan = 0;
        for (TaskRun run : runs) {
            makespan = Math.max(makespan, run.finish());
        }
        double busy = 0;
        for (Attempt attempt : allAttempts) {
            busy += (attempt.live ? attempt.finish : attempt.end) - attempt.start;
        }
        double utilisation = makespan > 0 ? busy / (platform.totalSlots() * makespan) : 0;
        return new SimulationResult(workload.name(), makespan, utilisation, List.of(runs), allAttempts.size(),
                speculativeCopies, copiesThatWon, failedAttempts);
    }

    private static Resources plus(Resources a, Resources b) {
        return new Resources(a.cpu() + b.cpu(), a.memoryMb() + b.memoryMb());
    }

    private static Resources minus(Resources a, Resources b) {
        return new Resources(a.cpu() - b.cpu(), a.memoryMb() - b.memoryMb());
    }
}
