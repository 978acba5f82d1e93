package io.dagline.core.policy;

import io.dagline.core.model.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * Dominant resource fairness across pools (Ghodsi et al.): the next task comes from the pool whose largest
 * share of a resource (cpu or memory, of the snapshot's capacity) is smallest, ties by pool name; FIFO within a
 * pool; a task starts only while its resources fit in what is left. Sites as Spark picks them.
 */
public record DrfPolicy() implements SchedulingPolicy {

    @Override
    public List<Assignment> assign(SchedulingSnapshot snapshot) {
        SlotBook book = new SlotBook(snapshot);
        Resources capacity = snapshot.capacity();
        Map<String, Resources> usage = new HashMap<>(snapshot.usageByPool());
        Resources used = usage.values().stream().reduce(new Resources(0, 0), DrfPolicy::plus);
        Map<String, ReadyTask> byId = new HashMap<>();
        snapshot.ready().forEach(task -> byId.put(task.taskId(), task));
        Map<String, LinkedList<ReadyTask>> pending = PoolQueues.byPool(snapshot.ready());
        List<Assignment> assignments = new ArrayList<>();
        while (book.anyFreeNow() && !pending.isEmpty()) {
            String pool = pending.keySet().stream()
                    .min(Comparator.comparingDouble((String p) -> dominantShare(usage.get(p), capacity))
                            .thenComparing(Comparator.naturalOrder()))
                    .orElseThrow();
            Resources left = minus(capacity, used);
            Assignment assignment = PoolQueues.startFirstPlaceable(pending, pool, snapshot, book,
                    task -> fits(task.resources(), left));
            if (assignment != null) {
                assignments.add(assignment);
                Resources need = byId.get(assignment.taskId()).resources();
                usage.merge(pool, need, DrfPolicy::plus);
                used = plus(used, need);
            }
        }
        return assignments;
    }

    /** The pool's largest share of any one resource. */
    public static double dominantShare(Resources usage, Resources capacity) {
        if (usage == null) {
            return 0;
        }
        double cpu = capacity.cpu() > 0 ? usage.cpu() / capacity.cpu() : 0;
        double memory = capacity.memoryMb() > 0 ? (double) usage.memoryMb() / capacity.memoryMb() : 0;
        return Math.max(cpu, memory);
    }

    private static boolean fits(Resources need, Resources left) {
        return need.cpu() <= left.cpu() + 1e-9 && need.memoryMb() <= left.memoryMb();
    }

    private static Resources plus(Resources a, Resources b) {
        return new Resources(a.cpu() + b.cpu(), a.memoryMb() + b.memoryMb());
    }

    private static Resources minus(Resources a, Resources b) {
        return new Resources(a.cpu() - b.cpu(), a.memoryMb() - b.memoryMb());
    }
}
