package io.dagline.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a static HEFT plan: ready tasks in upward-rank order, each only on the site the plan gave it, as soon
 * as a slot there is free. A task the plan does not know goes where it would finish first.
 *
 * @param plannedSite task id to site, from a planner that saw the whole job (see
 *     {@code io.dagline.core.sim.HeftPlanner})
 */
public record HeftPolicy(Map<String, String> plannedSite) implements SchedulingPolicy {

    public HeftPolicy {
        plannedSite = Map.copyOf(plannedSite);
    }

    @Override
    public List<Assignment> assign(SchedulingSnapshot snapshot) {
        SlotBook book = new SlotBook(snapshot);
        List<Assignment> assignments = new ArrayList<>();
        List<ReadyTask> byRank = snapshot.ready().stream()
                .sorted(TaskOrder.UPWARD_RANK.comparator(0)).toList();
        for (ReadyTask task : byRank) {
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
}
