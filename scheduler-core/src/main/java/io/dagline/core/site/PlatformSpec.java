package io.dagline.core.site;

import java.util.ArrayList;
import java.util.List;

/**
 * A platform written on one line, as an operator configures it:
 * {@code fast:8:1.0,medium:8:0.6,slow:8:0.3} — each site's name, slots and speed — joined by a uniform
 * network (100 MB/s unless given).
 */
public final class PlatformSpec {

    public static final double DEFAULT_BYTES_PER_SECOND = 100e6;

    private PlatformSpec() {
    }

    public static Platform parse(String spec) {
        return parse(spec, DEFAULT_BYTES_PER_SECOND);
    }

    public static Platform parse(String spec, double bytesPerSecond) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no sites: expected name:slots:speed[,name:slots:speed…]");
        }
        List<Site> sites = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("site '" + entry.trim() + "': expected name:slots:speed");
            }
            try {
                sites.add(new Site(parts[0], Double.parseDouble(parts[2]), Integer.parseInt(parts[1])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("site '" + entry.trim() + "': slots and speed must be numbers", e);
            }
        }
        return new Platform(sites, Network.uniform(sites.stream().map(Site::name).toList(), bytesPerSecond));
    }
}
