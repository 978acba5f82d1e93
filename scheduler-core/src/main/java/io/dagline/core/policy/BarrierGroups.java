package io.dagline.core.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Barrier groups (Spark's barrier execution mode): the tasks of a group start in one call, all of them, or none.
 * A group is offered to the inner policy only once all its tasks are ready and there are at least as many free
 * slots; if the inner policy starts only part of it, that part is withdrawn, the group alone is offered on the
 * slots left, and the tasks of no group get what remains. Wrap the outermost policy (e.g. {@code PoolPolicies}),
 * since a policy that combines others may split a group between its parts.
 */
public record BarrierGroups(SchedulingPolicy inner) implements SchedulingPolicy {

    @Override
    public List<Assignment> assign(SchedulingSnapshot snapshot) {
        Map<String, List<ReadyTask>> groups = new LinkedHashMap<>();
        List<ReadyTask> free = new ArrayList<>();
        for (ReadyTask task : snapshot.ready()) {
            if (task.barrier() == null) {
                free.add(task);
            } else {
                groups.computeIfAbsent(task.barrier().group(), g -> new ArrayList<>()).add(task);
            }
        }
        if (groups.isEmpty()) {
            return inner.assign(snapshot);
        }
        int freeSlots = snapshot.freeSlots();
        List<ReadyTask> offered = new ArrayList<>(free);
        Map<String, List<ReadyTask>> whole = new LinkedHashMap<>();
        groups.forEach((group, members) -> {
            if (members.size() == members.get(0).barrier().size() && members.size() <= freeSlots) {
                whole.put(group, members);
                offered.addAll(members);
            }
        });
        List<Assignment> first = inner.assign(snapshot.withReady(offered));
        Set<String> partial = partialGroups(first, whole);
        if (partial.isEmpty()) {
            return first;
        }
        Set<String> withdrawn = new HashSet<>();
        partial.forEach(group -> whole.get(group).forEach(task -> withdrawn.add(task.taskId())));
        List<Assignment> kept = new ArrayList<>(first.stream().filter(a -> !withdrawn.contains(a.taskId())).toList());
        SchedulingSnapshot current = snapshot.afterStarting(kept);
        for (String group : partial) {
            List<Assignment> alone = inner.assign(current.withReady(whole.get(group)));
            if (alone.size() == whole.get(group).size()) {
                kept.addAll(alone);
                current = current.afterStarting(alone);
            }
        }
        Set<String> started = new HashSet<>();
        kept.forEach(a -> started.add(a.taskId()));
        List<ReadyTask> rest = free.stream().filter(task -> !started.contains(task.taskId())).toList();
        if (!rest.isEmpty() && current.freeSlots() > 0) {
            kept.addAll(inner.assign(current.withReady(rest)));
        }
        return kept;
    }

    @Override
    public double nextDecisionTime(SchedulingSnapshot snapshot) {
        return inner.nextDecisionTime(snapshot);
    }

    private static Set<String> partialGroups(List<Assignment> assignments, Map<String, List<ReadyTask>> whole) {
        Map<String, String> groupOf = new LinkedHashMap<>();
        whole.forEach((group, members) -> members.forEach(task -> groupOf.put(task.taskId(), group)));
        Map<String, Integer> startedPerGroup = new LinkedHashMap<>();
        for (Assignment assignment : assignments) {
            String group = groupOf.get(assignment.taskId());
            if (group != null) {
                startedPerGroup.merge(group, 1, Integer::sum);
            }
        }
        Set<String> partial = new java.util.LinkedHashSet<>();
        startedPerGroup.forEach((group, count) -> {
            if (count < whole.get(group).size()) {
                partial.add(group);
            }
        });
        return partial;
    }
}
