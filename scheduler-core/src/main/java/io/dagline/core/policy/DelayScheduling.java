package io.dagline.core.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Spark's delay scheduling at the site level: while a task has waited less than {@code siteWaitSeconds} since it
 * became ready, it may only start at its preferred site (the one holding most of its input bytes); after that,
 * anywhere. The inner policy sees the waiting task as pinned there, so it starts it there when a slot is free
 * and otherwise leaves it waiting. Asks to be called again when the first wait runs out, since nothing else may
 * happen then.
 *
 * <p>Spark's first level, the executor holding the data, has nothing to act on here: a snapshot knows sites,
 * not executors, so the levels are site → any.
 */
public record DelayScheduling(SchedulingPolicy inner, double siteWaitSeconds) implements SchedulingPolicy {

    private static final String LOCALITY_WAIT = "(locality wait)";

    public DelayScheduling {
        if (!(siteWaitSeconds >= 0)) {
            throw new IllegalArgumentException("siteWaitSeconds must not be negative");
        }
    }

    @Override
    public List<Assignment> assign(SchedulingSnapshot snapshot) {
        List<ReadyTask> shown = new ArrayList<>(snapshot.ready().size());
        for (ReadyTask task : snapshot.ready()) {
            String preferred = waitingFor(task, snapshot.now());
            if (preferred == null) {
                shown.add(task);
            } else {
                List<InputRef> inputs = new ArrayList<>(task.inputs());
                inputs.add(new InputRef(LOCALITY_WAIT, 0, preferred, true));
                shown.add(new ReadyTask(task.taskId(), task.jobId(), task.sequence(), task.pool(),
                        task.runtimeSeconds(), task.upwardRank(), task.earliestStart(), task.floatTime(), inputs,
                        task.resources(), task.priority(), task.readySince(), task.barrier(), task.inputsNeeded()
                                + (task.needsAllInputs() ? 0 : 1)));
            }
        }
        return inner.assign(snapshot.withReady(shown));
    }

    @Override
    public double nextDecisionTime(SchedulingSnapshot snapshot) {
        double next = inner.nextDecisionTime(snapshot);
        for (ReadyTask task : snapshot.ready()) {
            if (waitingFor(task, snapshot.now()) != null) {
                next = Math.min(next, task.readySince() + siteWaitSeconds);
            }
        }
        return next;
    }

    /** The site the task still waits for, or {@code null} when it may go anywhere it may run. */
    private String waitingFor(ReadyTask task, double now) {
        if (task.isPinned() || now - task.readySince() >= siteWaitSeconds) {
            return null;
        }
        return task.preferredSite();
    }
}
