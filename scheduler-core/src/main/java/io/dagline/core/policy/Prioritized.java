package io.dagline.core.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Job priority within a pool: the ready tasks of the highest priority go to the inner policy first, those of the
 * next priority get the slots left, and so on. Within one priority the inner policy's order holds. A slot the
 * inner policy leaves free on purpose (EFT waiting for a busy fast site) may go to a lower priority: priority
 * decides who goes first, not who may wait.
 */
public record Prioritized(SchedulingPolicy inner) implements SchedulingPolicy {

    @Override
    public List<Assignment> assign(SchedulingSnapshot snapshot) {
        Map<Integer, List<ReadyTask>> byPriority = new TreeMap<>(Comparator.reverseOrder());
        snapshot.ready().forEach(task -> byPriority.computeIfAbsent(task.priority(), p -> new ArrayList<>()).add(task));
        if (byPriority.size() <= 1) {
            return inner.assign(snapshot);
        }
        List<Assignment> assignments = new ArrayList<>();
        SchedulingSnapshot now = snapshot;
        for (List<ReadyTask> tier : byPriority.values()) {
            if (now.freeSlots() == 0) {
                break;
            }
            List<Assignment> started = inner.assign(now.withReady(tier));
            assignments.addAll(started);
            now = now.afterStarting(started);
        }
        return assignments;
    }

    @Override
    public double nextDecisionTime(SchedulingSnapshot snapshot) {
        return inner.nextDecisionTime(snapshot);
    }
}
