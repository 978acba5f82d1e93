package io.dagline.core.policy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The slots as one call of a policy fills them: when each slot of each site becomes free, counting the
 * assignments and reservations made earlier in the same call. Private to one call; never shared.
 */
final class SlotBook {

    private final double now;
    private final Map<String, double[]> freeAtBySite = new LinkedHashMap<>();

    SlotBook(SchedulingSnapshot snapshot) {
        this.now = snapshot.now();
        for (SiteState site : snapshot.sites()) {
            double[] freeAt = new double[site.slots()];
            Arrays.fill(freeAt, now);
            for (int busy = 0; busy < site.busyUntil().size(); busy++) {
                // a task running past its estimate still holds its slot: free "just after now", never now
                freeAt[site.freeSlots() + busy] = Math.max(Math.nextUp(now), site.busyUntil().get(busy));
            }
            Arrays.sort(freeAt);
            freeAtBySite.put(site.name(), freeAt);
        }
    }

    /** When the site's first slot becomes free; infinite for a site without slots. */
    double earliestFree(String site) {
        double[] freeAt = freeAtBySite.get(site);
        return freeAt.length == 0 ? Double.POSITIVE_INFINITY : freeAt[0];
    }

    boolean isFreeNow(String site) {
        return earliestFree(site) <= now;
    }

    int freeNowCount(String site) {
        int count = 0;
        for (double freeAt : freeAtBySite.get(site)) {
            if (freeAt <= now) {
                count++;
            }
        }
        return count;
    }

    boolean anyFreeNow() {
        return freeAtBySite.keySet().stream().anyMatch(this::isFreeNow);
    }

    /**
     * Holds the site's earliest slot until {@code until}; a slot taken in this call is never free now, even
     * by a task that takes no time.
     */
    void occupy(String site, double until) {
        double[] freeAt = freeAtBySite.get(site);
        freeAt[0] = Math.max(until, Math.nextUp(now));
        for (int i = 1; i < freeAt.length && freeAt[i] < freeAt[i - 1]; i++) {
            double swap = freeAt[i];
            freeAt[i] = freeAt[i - 1];
            freeAt[i - 1] = swap;
        }
    }

    double now() {
        return now;
    }
}
