package io.dagline.core.site;

import java.util.List;

/**
 * The heterogeneous setup the policies are judged on (issue 7): three data centres of speeds 1.0, 0.6 and
 * 0.3 with 8 slots each (total capacity 15.2 recorded-speed slots), joined at 100 MB/s; data at its own site
 * is read for free (the brief's 1 GB/s local disk is far from every bottleneck here, so it is not modelled).
 */
public final class ThreeSites {

    public static final int SLOTS_PER_SITE = 8;
    public static final double BETWEEN_SITES_BYTES_PER_SECOND = 100e6;

    private ThreeSites() {
    }

    public static Platform platform() {
        List<Site> sites = List.of(new Site("fast", 1.0, SLOTS_PER_SITE), new Site("medium", 0.6, SLOTS_PER_SITE),
                new Site("slow", 0.3, SLOTS_PER_SITE));
        return new Platform(sites, Network.uniform(sites.stream().map(Site::name).toList(),
                BETWEEN_SITES_BYTES_PER_SECOND));
    }
}
