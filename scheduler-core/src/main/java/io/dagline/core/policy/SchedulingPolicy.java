package io.dagline.core.policy;

import java.util.List;

/**
 * Decides which ready tasks start now, and where. A pure function of the snapshot: the live scheduler and the
 * simulator both call it, so a policy is tested once and runs unchanged in both.
 *
 * <p>Every assignment names a ready task (at most once) and a site with a free slot, at most as many per site
 * as it has free slots, and respects immovable inputs. A task left out waits for the next call, which comes
 * whenever a task finishes or becomes ready.
 */
public interface SchedulingPolicy {

    List<Assignment> assign(SchedulingSnapshot snapshot);
}
