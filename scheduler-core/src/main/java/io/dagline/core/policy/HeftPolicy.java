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
 * @param plannedSite task id to site, from a planner that saw the whole job (see
 *     {@code io.dagline.core.sim.HeftPlanner} and {@code io.dagline.core.sim.PlanSearch})
 * @param priority task id to priority; empty: upward rank
 */
public record HeftPolicy(Map<String, String> plannedSite, Map<String, Double> priority) implements SchedulingPolicy {

    public HeftPolicy {
        plannedSite = Map.copyOf(plannedSite);
        priority = Map.copyOf(priority);
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
            if (site == null) {
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

    private Comparator<ReadyTask> order() {
        if (priority.isEmpty()) {
            return TaskOrder.UPWARD_RANK.comparator(0);
        }
        return Comparator.comparingDouble((ReadyTask task) -> -priority.getOrDefault(task.taskId(), task.upwardRank()))
                .thenComparingLong(ReadyTask::sequence);
    }
}
