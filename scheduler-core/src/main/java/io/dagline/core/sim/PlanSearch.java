package io.dagline.core.sim;

import io.dagline.core.policy.HeftPolicy;
import io.dagline.core.policy.Policies;
import io.dagline.core.policy.SchedulingSnapshot;
import io.dagline.core.site.Platform;
import io.dagline.core.site.Site;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Dagline's default plan: a search over static plans at submission. A plan gives each task a site and a
 * priority; it is judged by replaying the job exactly as the live scheduler runs a plan ({@link HeftPolicy}:
 * each task at its site, every site's queue by priority). The search starts from the best of several heuristic
 * plans (HEFT, PEFT, and, for jobs up to {@link #ONLINE_STARTS_UP_TO} tasks, where the online Dagline and
 * critical-path policies put each task), each tried with two
 * priorities: HEFT's upward rank (mean costs) and the plan's own remaining path (each task's cost at its planned
 * site, transfers where the plan moves data). From each distinct start, shortest first, it then moves tasks of
 * the replay's critical chain to other sites or ahead while that shortens the replay, and from the best plan so
 * reached it tries random kicks, all within one budget of replays. (Climbing from every start rather than the
 * best one alone: the best start is not always the one that climbs furthest.)
 *
 * <p>Every starting plan, HEFT's included, is replayed the same way and only improvements are kept, so the result
 * is never longer than HEFT's plan by the estimates it was given.
 */
public final class PlanSearch {

    /**
     * Replays allowed for a job of {@code REFERENCE_TASKS} tasks, and proportionally fewer for larger ones (a
     * replay's cost grows with the job), so that planning stays within about a second.
     */
    static final int REFERENCE_REPLAYS = 400;
    static final int REFERENCE_TASKS = 250;
    static final int MIN_REPLAYS = 24;
    /**
     * The online policies' placements are starting points only up to this many tasks: the general simulator
     * builds a snapshot of every ready task at every decision, which for a 5,000-task job takes most of a second.
     */
    static final int ONLINE_STARTS_UP_TO = 2_000;
    private static final double EPSILON = 1e-9;
    private static final long SEED = 20_261_207L;
    private static final int KICK_MOVES = 3;

    /** The chosen plan and how it was found. */
    public record Result(Map<String, String> siteByTask, Map<String, Double> priorityByTask,
            Map<String, Double> startByTask, double makespan, String startedFrom, double startMakespan, int replays) {

        public HeftPolicy policy() {
            return new HeftPolicy(siteByTask, priorityByTask);
        }

        /** The plan, repaired where runtimes put a task behind its planned start (see {@link HeftPolicy}). */
        public HeftPolicy repairingPolicy() {
            return new HeftPolicy(siteByTask, priorityByTask, startByTask);
        }
    }

    private record Candidate(String[] sites, double[] priority, PlanReplay.Schedule schedule) {
    }

    /** A heuristic plan the search climbs from, and its name. */
    private record Start(String name, Candidate plan) {
    }

    private final Workload workload;
    private final Platform platform;
    private final PlanReplay replay;
    private final double[] meanRank;
    private final int budget;
    private int replays;

    private PlanSearch(Workload workload, Platform platform, int budget) {
        this.workload = workload;
        this.platform = platform;
        this.replay = new PlanReplay(workload, platform);
        this.meanRank = Levels.of(workload, platform).upwardRank();
        this.budget = budget;
    }

    public static HeftPolicy policy(Workload workload, Platform platform) {
        return plan(workload, platform).policy();
    }

    /** HEFT's plan where the workload has barrier groups or K-of-N inputs, which the search does not replay. */
    public static Result plan(Workload workload, Platform platform) {
        if (!PlanReplay.supports(workload)) {
            HeftPolicy heft = HeftPlanner.policy(workload, platform);
            double makespan = Simulator.run(workload, platform, heft).makespan();
            return new Result(heft.plannedSite(), Map.of(), Map.of(), makespan, "HEFT", makespan, 1);
        }
        return plan(workload, platform, replaysFor(workload.size()));
    }

    static int replaysFor(int tasks) {
        long scaled = (long) REFERENCE_REPLAYS * REFERENCE_TASKS / Math.max(1, tasks);
        return (int) Math.max(MIN_REPLAYS, Math.min(REFERENCE_REPLAYS, scaled));
    }

    public static Result plan(Workload workload, Platform platform, int budget) {
        return new PlanSearch(workload, platform, budget).search();
    }

    private Result search() {
        Map<String, String[]> starts = new LinkedHashMap<>();
        starts.put("HEFT", HeftPlanner.plan(workload, platform).site().clone());
        starts.put("PEFT", PeftPlanner.sites(workload, platform));
        if (workload.size() <= ONLINE_STARTS_UP_TO) {
            starts.put("Dagline online", sitesOf(Simulator.run(workload, platform, Policies.dagline())));
            starts.put("critical path", sitesOf(Simulator.run(workload, platform, Policies.criticalPath())));
        }
        List<Start> evaluated = new ArrayList<>();
        for (Map.Entry<String, String[]> start : starts.entrySet()) {
            for (boolean ownRanks : new boolean[] {false, true}) {
                evaluated.add(new Start(start.getKey() + (ownRanks ? ", plan ranks" : ", upward ranks"),
                        evaluate(start.getValue(), ownRanks ? planRanks(start.getValue()) : meanRank)));
            }
        }
        evaluated.sort(Comparator.comparingDouble(start -> start.plan().schedule().makespan()));
        Start from = evaluated.get(0);
        Candidate best = improve(from.plan());
        double climbedFrom = from.plan().schedule().makespan();
        for (Start start : evaluated) {
            double makespan = start.plan().schedule().makespan();
            if (makespan < climbedFrom + EPSILON || replays >= budget) {
                continue; // the same plan's makespan as a start already climbed from, most likely the same plan
            }
            climbedFrom = makespan;
            Candidate climbed = improve(start.plan());
            if (climbed.schedule().makespan() < best.schedule().makespan() - EPSILON) {
                best = climbed;
                from = start;
            }
        }
        SplittableRandom random = new SplittableRandom(SEED);
        while (replays < budget) {
            Candidate kicked = improve(kick(best, random));
            if (kicked.schedule().makespan() < best.schedule().makespan() - EPSILON) {
                best = kicked;
            }
        }
        String[] sites = best.sites();
        double[] priority = best.priority();
        double[] start = best.schedule().start();
        return new Result(workload.byTaskId(i -> sites[i]), workload.byTaskId(i -> priority[i]),
                workload.byTaskId(i -> start[i]), best.schedule().makespan(), from.name(),
                from.plan().schedule().makespan(), replays);
    }

    /**
     * First improvement over single moves of the critical chain's tasks, last first, until none helps or the
     * budget ends: a task goes to another site (keeping the priorities, or with the new plan's own ranks), or
     * goes ahead of every task not moved ahead before.
     */
    private Candidate improve(Candidate best) {
        boolean improved = true;
        while (improved && replays < budget) {
            improved = false;
            for (int task : criticalChain(best.schedule())) {
                for (Candidate move : moves(best, task)) {
                    if (replays >= budget) {
                        return best;
                    }
                    Candidate candidate = evaluate(move.sites(), move.priority());
                    if (candidate.schedule().makespan() < best.schedule().makespan() - EPSILON) {
                        best = candidate;
                        improved = true;
                        break;
                    }
                }
                if (improved) {
                    break;
                }
            }
        }
        return best;
    }

    /**
     * Iterated local search: out of a local optimum by a few random moves of the critical chain's tasks, to a
     * site or ahead, from which {@link #improve} climbs again; the seed keeps the plan the same for the same job.
     */
    private Candidate kick(Candidate from, SplittableRandom random) {
        List<Integer> chain = criticalChain(from.schedule());
        Candidate kicked = from;
        for (int k = 0; k < KICK_MOVES; k++) {
            int task = chain.get(random.nextInt(chain.size()));
            List<Candidate> moves = moves(kicked, task);
            if (!moves.isEmpty()) {
                Candidate move = moves.get(random.nextInt(moves.size()));
                kicked = new Candidate(move.sites(), move.priority(), kicked.schedule());
            }
        }
        return evaluate(kicked.sites(), kicked.priority());
    }

    /** The plans one move away, not yet replayed (their schedule is {@code null}). */
    private List<Candidate> moves(Candidate from, int task) {
        List<Candidate> moves = new ArrayList<>();
        double[] ahead = from.priority().clone();
        double highest = Double.NEGATIVE_INFINITY;
        double lowest = Double.POSITIVE_INFINITY;
        for (double p : ahead) {
            highest = Math.max(highest, p);
            lowest = Math.min(lowest, p);
        }
        if (ahead[task] < highest) {
            ahead[task] = highest + (highest - lowest) + 1;
            moves.add(new Candidate(from.sites(), ahead, null));
        }
        for (Site site : platform.sites()) {
            if (site.slots() == 0 || site.name().equals(from.sites()[task]) || !workload.task(task).mayRunAt(site.name())) {
                continue;
            }
            String[] moved = from.sites().clone();
            moved[task] = site.name();
            moves.add(new Candidate(moved, from.priority(), null));
            moves.add(new Candidate(moved, planRanks(moved), null));
        }
        return moves;
    }

    private Candidate evaluate(String[] sites, double[] priority) {
        replays++;
        return new Candidate(sites, priority, replay.run(sites, priority));
    }

    /**
     * Longest path from each task to the end of the plan with no waiting for slots: the task's inputs moved to its
     * planned site (nothing where they already are), its run at that site's speed, then its longest successor.
     */
    double[] planRanks(String[] sites) {
        int n = workload.size();
        int[] order = workload.order();
        double[] rank = new double[n];
        for (int k = n - 1; k >= 0; k--) {
            int task = order[k];
            var inputs = workload.inputsAt(task, sites);
            double own = SchedulingSnapshot.transferSeconds(inputs, inputs.size(), sites[task], platform.network())
                    + workload.task(task).runtimeSeconds() / platform.site(sites[task]).speed();
            double after = 0;
            for (int successor : workload.successorsView(task)) {
                after = Math.max(after, rank[successor]);
            }
            rank[task] = own + after;
        }
        return rank;
    }

    /**
     * The tasks the makespan hangs on, last first: from the task that finishes last, back through whatever it
     * waited for, its latest predecessor or the task that held its slot before it.
     */
    private List<Integer> criticalChain(PlanReplay.Schedule schedule) {
        int n = workload.size();
        int last = 0;
        for (int i = 1; i < n; i++) {
            if (schedule.finish()[i] > schedule.finish()[last]) {
                last = i;
            }
        }
        List<Integer> chain = new ArrayList<>();
        boolean[] seen = new boolean[n];
        int task = last;
        while (task >= 0 && !seen[task]) {
            seen[task] = true;
            chain.add(task);
            task = waitedFor(task, schedule);
        }
        return chain;
    }

    private int waitedFor(int task, PlanReplay.Schedule schedule) {
        double start = schedule.start()[task];
        int latest = -1;
        for (int predecessor : workload.task(task).predecessors()) {
            if (latest < 0 || schedule.finish()[predecessor] > schedule.finish()[latest]) {
                latest = predecessor;
            }
        }
        if (latest >= 0 && schedule.finish()[latest] >= start - EPSILON) {
            return latest;
        }
        int holder = -1;
        for (int i = 0; i < workload.size(); i++) {
            if (i != task && schedule.site()[i] == schedule.site()[task]
                    && Math.abs(schedule.finish()[i] - start) < EPSILON
                    && (holder < 0 || schedule.start()[i] < schedule.start()[holder])) {
                holder = i;
            }
        }
        return holder >= 0 ? holder : latest;
    }

    private static String[] sitesOf(SimulationResult run) {
        return run.runs().stream().map(TaskRun::site).toArray(String[]::new);
    }
}
