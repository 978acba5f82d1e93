package io.dagline.core.policy;

import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Ready tasks per pool in FIFO order, for the policies that first pick a pool, then its first task. */
final class PoolQueues {

    private PoolQueues() {
    }

    static Map<String, LinkedList<ReadyTask>> byPool(java.util.List<ReadyTask> ready) {
        Map<String, LinkedList<ReadyTask>> queues = new TreeMap<>();
        ready.stream().sorted(Comparator.comparingLong(ReadyTask::sequence))
                .forEach(task -> queues.computeIfAbsent(poolOf(task), pool -> new LinkedList<>()).add(task));
        return queues;
    }

    static String poolOf(ReadyTask task) {
        return task.pool() == null ? "default" : task.pool();
    }

    /**
     * Starts the pool's first eligible task that can start now (Spark's locality rule for the site), removing it from the
     * queue; drops the pool when none can. Returns the assignment, or {@code null}.
     */
    static Assignment startFirstPlaceable(Map<String, LinkedList<ReadyTask>> queues, String pool,
            SchedulingSnapshot snapshot, SlotBook book, Predicate<ReadyTask> eligible) {
        LinkedList<ReadyTask> queue = queues.get(pool);
        Assignment assignment = null;
        for (Iterator<ReadyTask> it = queue.iterator(); it.hasNext(); ) {
            ReadyTask task = it.next();
            if (!eligible.test(task)) {
                continue;
            }
            Placement placement = SiteRule.LOCALITY.choose(task, snapshot, book);
            if (placement != null && placement.startsBy(snapshot.now())) {
                it.remove();
                book.occupy(placement.site(), placement.finish());
                assignment = new Assignment(task.taskId(), placement.site());
                break;
            }
        }
        if (assignment == null || queue.isEmpty()) {
            queues.remove(pool);
        }
        return assignment;
    }
}
