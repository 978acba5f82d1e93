package io.dagline.core.policy;

import java.util.List;

/**
 * Decides which ready tasks start now, and where. A pure function of the snapshot: the live scheduler and the
 * simulator both call it, so a policy is tested once and runs unchanged in both.
 *
 * <p>Every assignment names a ready task (at most once) and a site with a free slot, at most as many per site
 * as it has free slots, and respects immovable inputs. A task left out waits for the next call, which comes
 * whenever a task finishes or becomes ready, or at {@link #nextDecisionTime}.
 */
public interface SchedulingPolicy {

    List<Assignment> assign(SchedulingSnapshot snapshot);

    /**
     * When the policy wants to be asked again even if no task finishes or becomes ready (delay scheduling: when
     * a waiting task's locality wait runs out); infinite when it does not. Only called after {@link #assign} on
     * the same snapshot, with the tasks it left waiting.
     */
    default double nextDecisionTime(SchedulingSnapshot snapshot) {
        return Double.POSITIVE_INFINITY;
    }
}
