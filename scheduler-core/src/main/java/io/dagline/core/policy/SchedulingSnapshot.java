package io.dagline.core.policy;

import io.dagline.core.model.Resources;
import io.dagline.core.site.Network;
import java.util.List;
import java.util.Map;

/**
 * What a policy sees: the time, the ready tasks, each site's free slots and speed estimate, the network, and
 * what each pool is running.
 *
 * @param runningByPool tasks running per pool (FAIR); a pool not listed runs none
 * @param usageByPool resources in use per pool (DRF); a pool not listed uses none
 * @param capacity the resources of all sites together (DRF)
 */
public record SchedulingSnapshot(double now, List<ReadyTask> ready, List<SiteState> sites, Network network,
        Map<String, Integer> runningByPool, Map<String, Resources> usageByPool, Resources capacity) {

    public SchedulingSnapshot {
        ready = List.copyOf(ready);
        sites = List.copyOf(sites);
        runningByPool = Map.copyOf(runningByPool);
        usageByPool = Map.copyOf(usageByPool);
    }

    public SiteState site(String name) {
        for (SiteState site : sites) {
            if (site.name().equals(name)) {
                return site;
            }
        }
        throw new IllegalArgumentException("unknown site " + name);
    }

    public double fastestSpeed() {
        return sites.stream().filter(site -> site.slots() > 0).mapToDouble(SiteState::speed).max().orElse(1.0);
    }

    /** Seconds to bring every input of the task to the site; inputs already there cost nothing. */
    public double transferSeconds(ReadyTask task, String site) {
        double seconds = 0;
        for (InputRef input : task.inputs()) {
            seconds += network.transferSeconds(input.site(), site, input.bytes());
        }
        return seconds;
    }

    /** How long the task holds a slot at the site: its inputs' transfer, then its run at the site's speed. */
    public double durationAt(ReadyTask task, SiteState site) {
        return transferSeconds(task, site.name()) + task.runtimeSeconds() / site.speed();
    }
}
