package io.dagline.core.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * How a list policy picks the site of a task. Only sites the task may run at (its immovable inputs) are
 * considered. A rule may pick a site with no free slot now: the task then waits for it, and holds that slot
 * against later tasks of the same call.
 */
public enum SiteRule {

    /**
     * Spark without delay scheduling: among sites with a free slot, the one holding the most of the task's
     * input bytes, then the one with most free slots; speeds are not known to Spark.
     */
    LOCALITY,
    /** The fastest site with a free slot, then the one needing the least transfer (critical-path priority). */
    FASTEST_FREE,
    /** STSID: the site whose first slot is free earliest, then the fastest. */
    EARLIEST_AVAILABLE,
    /**
     * STSID and HEFT: the site where the task would finish first, counting the wait for a slot, the transfer of
     * its inputs and its run at the site's speed. May wait for a busy fast site rather than take a free slow one.
     */
    EARLIEST_FINISH,
    /**
     * STSID: among sites with a free slot, the one where the task wastes least: the slot-seconds it holds
     * (transfer + run) beyond what it would hold on the fastest site with its data local.
     */
    SMALLEST_WASTE;

    /** The site for the task, or {@code null} when no site it may run at has any slot. */
    Placement choose(ReadyTask task, SchedulingSnapshot snapshot, SlotBook book) {
        List<SiteState> allowed = new ArrayList<>();
        for (SiteState site : snapshot.sites()) {
            if (site.slots() > 0 && task.mayRunAt(site.name())) {
                allowed.add(site);
            }
        }
        if (allowed.isEmpty()) {
            return null;
        }
        List<SiteState> freeNow = allowed.stream().filter(site -> book.isFreeNow(site.name())).toList();
        SiteState chosen = switch (this) {
            case LOCALITY -> freeNow.isEmpty() ? earliestAvailable(allowed, book) : mostLocal(task, freeNow, book);
            case FASTEST_FREE -> freeNow.isEmpty() ? earliestAvailable(allowed, book) : fastest(task, freeNow, snapshot);
            case EARLIEST_AVAILABLE -> earliestAvailable(allowed, book);
            case EARLIEST_FINISH -> earliestFinish(task, allowed, snapshot, book);
            case SMALLEST_WASTE -> freeNow.isEmpty() ? earliestAvailable(allowed, book)
                    : shortestHold(task, freeNow, snapshot);
        };
        double start = Math.max(book.now(), book.earliestFree(chosen.name()));
        return new Placement(chosen.name(), start, start + snapshot.durationAt(task, chosen));
    }

    private static SiteState mostLocal(ReadyTask task, List<SiteState> sites, SlotBook book) {
        SiteState best = null;
        long bestBytes = -1;
        int bestFree = -1;
        for (SiteState site : sites) {
            long local = task.inputs().stream().filter(input -> site.name().equals(input.site()))
                    .mapToLong(InputRef::bytes).sum();
            int free = book.freeNowCount(site.name());
            if (local > bestBytes || (local == bestBytes && free > bestFree)) {
                best = site;
                bestBytes = local;
                bestFree = free;
            }
        }
        return best;
    }

    private static SiteState fastest(ReadyTask task, List<SiteState> sites, SchedulingSnapshot snapshot) {
        SiteState best = null;
        for (SiteState site : sites) {
            if (best == null || site.speed() > best.speed() || (site.speed() == best.speed()
                    && snapshot.transferSeconds(task, site.name()) < snapshot.transferSeconds(task, best.name()))) {
                best = site;
            }
        }
        return best;
    }

    private static SiteState earliestAvailable(List<SiteState> sites, SlotBook book) {
        SiteState best = null;
        for (SiteState site : sites) {
            double free = book.earliestFree(site.name());
            if (best == null || free < book.earliestFree(best.name())
                    || (free == book.earliestFree(best.name()) && site.speed() > best.speed())) {
                best = site;
            }
        }
        return best;
    }

    private static SiteState earliestFinish(ReadyTask task, List<SiteState> sites, SchedulingSnapshot snapshot,
            SlotBook book) {
        SiteState best = null;
        double bestFinish = Double.POSITIVE_INFINITY;
        for (SiteState site : sites) {
            double finish = Math.max(book.now(), book.earliestFree(site.name())) + snapshot.durationAt(task, site);
            if (finish < bestFinish) {
                best = site;
                bestFinish = finish;
            }
        }
        return best;
    }

    private static SiteState shortestHold(ReadyTask task, List<SiteState> sites, SchedulingSnapshot snapshot) {
        SiteState best = null;
        double bestHold = Double.POSITIVE_INFINITY;
        for (SiteState site : sites) {
            double hold = snapshot.durationAt(task, site);
            if (hold < bestHold) {
                best = site;
                bestHold = hold;
            }
        }
        return best;
    }
}
