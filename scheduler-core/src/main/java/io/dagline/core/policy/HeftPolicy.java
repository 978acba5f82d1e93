package io.dagline.core.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs a static plan: ready tasks in the plan's priority order (highest first; upward rank when the plan gives
 * none), each only on the site the plan gave it, as soon as a slot there is free. A task the plan does not
 * know goes where it would finish first.
 *
 * <p>With planned start times it also repairs the plan: a task still waiting after its planned start, its site
 * full, goes to another site with a free slot now if it would finish there (by the estimates) before it could at
 * its own. With exact estimates no task is ever past its planned start, so the plan runs exactly as planned;
 * the rule acts only once runtimes have put the job behind its plan.
 *
 * @param plannedSite task id to site, from a planner that saw the whole job (see
 *     {@code io.dagline.core.sim.HeftPlanner} and {@code io.dagline.core.sim.PlanSearch})
 * @param priority task id to priority; empty: upward rank
 * @param plannedStart task id to the time the plan starts it; empty: no repair
 */
public record HeftPolicy(Map<String, String> plannedSite, Map<String, Double> priority,
        Map<String, Double> plannedStart) implements SchedulingPolicy {

    /** How far past its planned start a task must be before it may move: more than rounding, less than anything real. */
    private static final double BEHIND_PLAN_SECONDS = 1e-6;

    public HeftPolicy {
        plannedSite = Map.copyOf(plannedSite);
        priority = Map.copyOf(priority);
        plannedStart = Map.copyOf(plannedStart);
    }

    public HeftPolicy(Map<String, String> plannedSite, Map<String, Double> priority) {
        this(plannedSite, priority, Map.of());
    }

    public HeftPolicy(Map<String, String> plannedSite) {
        this(plannedSite, Map.of());
    }

    @Override
    public List<Assignment> assign(SchedulingSnapshot snapshot) {
        SlotBook book = new SlotBook(snapshot);
        List<Assignment> assignments = new ArrayList<>();
        List<ReadyTask> byPriority = snapshot.ready().stream().sorted(order()).toList();
        for (ReadyTask task : byPriority) {
            if (!book.anyFreeNow()) {
                break;
            }
            String site = plannedSite.get(task.taskId());
            if (site == null || (!book.isFreeNow(site) && isBehindPlan(task, snapshot.now()))) {
                Placement placement = SiteRule.EARLIEST_FINISH.choose(task, snapshot, book);
                if (placement == null || !placement.startsBy(snapshot.now())) {
                    continue;
                }
                site = placement.site();
            }
            if (book.isFreeNow(site)) {
                book.occupy(site, snapshot.now() + snapshot.durationAt(task, snapshot.site(site)));
                assignments.add(new Assignment(task.taskId(), site));
            }
        }
        return assignments;
    }

    /** The next planned start, among the tasks left waiting, after which one of them may move; infinite without. */
    @Override
    public double nextDecisionTime(SchedulingSnapshot snapshot) {
        if (plannedStart.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        double next = Double.POSITIVE_INFINITY;
        for (ReadyTask task : snapshot.ready()) {
            Double start = plannedStart.get(task.taskId());
            if (start != null && start + BEHIND_PLAN_SECONDS >= snapshot.now()) {
                next = Math.min(next, Math.nextUp(start + BEHIND_PLAN_SECONDS));
            }
        }
        return next;
    }

    private boolean isBehindPlan(ReadyTask task, double now) {
        Double start = plannedStart.get(task.taskId());
        return start != null && now > start + BEHIND_PLAN_SECONDS;
    }

    private Comparator<ReadyTask> order() {
        if (priority.isEmpty()) {
            return TaskOrder.UPWARD_RANK.comparator(0);
        }
        return Comparator.comparingDouble((ReadyTask task) -> -priority.getOrDefault(task.taskId(), task.upwardRank()))
                .thenComparingLong(ReadyTask::sequence);
    }
}
