package io.dagline.core.policy;

import java.util.List;

/**
 * A site as the scheduler sees it now.
 *
 * @param speed the estimated processing rate (observed runtime ÷ recorded runtime, 1.0 = recorded speed)
 * @param busyUntil the estimated finish time of each task running there; {@code slots - busyUntil.size()} slots
 *     are free
 */
public record SiteState(String name, double speed, int slots, List<Double> busyUntil) {

    public SiteState {
        busyUntil = List.copyOf(busyUntil);
        if (busyUntil.size() > slots) {
            throw new IllegalArgumentException("site " + name + " runs " + busyUntil.size() + " tasks on " + slots
                    + " slots");
        }
    }

    public int freeSlots() {
        return slots - busyUntil.size();
    }
}
