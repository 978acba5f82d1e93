package io.dagline.core.site;

import java.util.List;

/** The sites a workflow runs on and the network between them. */
public record Platform(List<Site> sites, Network network) {

    public Platform {
        sites = List.copyOf(sites);
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("a platform needs at least one site");
        }
    }

    public Site site(String name) {
        return sites.stream().filter(site -> site.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown site " + name));
    }

    public List<String> siteNames() {
        return sites.stream().map(Site::name).toList();
    }

    public double fastestSpeed() {
        return sites.stream().filter(site -> site.slots() > 0).mapToDouble(Site::speed).max().orElseThrow();
    }

    /** Work per second with every slot busy: the sum of speed × slots. */
    public double capacity() {
        return sites.stream().mapToDouble(Site::capacity).sum();
    }

    public int totalSlots() {
        return sites.stream().mapToInt(Site::slots).sum();
    }
}
