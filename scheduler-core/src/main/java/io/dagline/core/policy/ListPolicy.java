package io.dagline.core.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * List scheduling over the ready tasks: tasks in one order, each given a site by one rule. FIFO, critical-path
 * priority and STSID's rules are all configurations of it (see {@link Policies}).
 *
 * @param immovableFirst tasks pinned to a site by an immovable input go before all others (STSID)
 * @param seed for {@link TaskOrder#RANDOM}; ignored by the other orders
 */
public record ListPolicy(boolean immovableFirst, TaskOrder order, SiteRule siteRule, long seed)
        implements SchedulingPolicy {

    @Override
    public List<Assignment> assign(SchedulingSnapshot snapshot) {
        SlotBook book = new SlotBook(snapshot);
        List<Assignment> assignments = new ArrayList<>();
        for (ReadyTask task : ordered(snapshot.ready())) {
            if (!book.anyFreeNow()) {
                break;
            }
            Placement placement = siteRule.choose(task, snapshot, book);
            if (placement == null) {
                continue;
            }
            book.occupy(placement.site(), placement.finish());
            if (placement.startsBy(snapshot.now())) {
                assignments.add(new Assignment(task.taskId(), placement.site()));
            }
        }
        return assignments;
    }

    private List<ReadyTask> ordered(List<ReadyTask> ready) {
        Comparator<ReadyTask> comparator = order.comparator(seed);
        if (immovableFirst) {
            comparator = Comparator.comparing((ReadyTask task) -> !task.isPinned()).thenComparing(comparator);
        }
        return ready.stream().sorted(comparator).toList();
    }
}
