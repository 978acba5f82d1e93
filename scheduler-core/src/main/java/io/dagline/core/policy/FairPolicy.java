package io.dagline.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * Spark's FAIR scheduling across pools, FIFO within a pool: each slot goes to the pool below its minShare
 * (the lowest running/minShare first), else to the lowest running/weight; ties by pool name. Sites as Spark
 * picks them ({@link SiteRule#LOCALITY}).
 */
public record FairPolicy(FairPools pools) implements SchedulingPolicy {

    @Override
    public List<Assignment> assign(SchedulingSnapshot snapshot) {
        SlotBook book = new SlotBook(snapshot);
        Map<String, Integer> running = new HashMap<>(snapshot.runningByPool());
        Map<String, LinkedList<ReadyTask>> pending = PoolQueues.byPool(snapshot.ready());
        List<Assignment> assignments = new ArrayList<>();
        while (book.anyFreeNow() && !pending.isEmpty()) {
            String pool = pending.keySet().stream().min(pools.fairOrder(running)).orElseThrow();
            Assignment assignment = PoolQueues.startFirstPlaceable(pending, pool, snapshot, book, task -> true);
            if (assignment != null) {
                assignments.add(assignment);
                running.merge(pool, 1, Integer::sum);
            }
        }
        return assignments;
    }
}
