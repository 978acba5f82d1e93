package io.dagline.core.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Puts each workflow input file at a site, uniformly at random from the seed, and marks a fraction of them
 * immovable. A file is left movable where making it immovable would pin one task to two sites.
 *
 * @param immovableFraction probability that a file is immovable
 */
public record InputPlacement(long seed, double immovableFraction) {

    /** A fifth of the input files cannot leave their site: enough that most workflows have some. */
    public static final double DEFAULT_IMMOVABLE_FRACTION = 0.2;

    public static InputPlacement seeded(long seed) {
        return new InputPlacement(seed, DEFAULT_IMMOVABLE_FRACTION);
    }

    /** Where a file is. */
    public record Located(String site, boolean immovable) {
    }

    /**
     * @param files input file names in the order they first appear
     * @param consumers for each file, the tasks that read it
     */
    public Map<String, Located> place(List<String> files, Map<String, List<Integer>> consumers,
            List<String> sites) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Integer, String> pinnedTo = new HashMap<>();
        Map<String, Located> placed = new HashMap<>();
        for (String file : files) {
            String site = sites.get(random.nextInt(sites.size()));
            boolean immovable = random.nextDouble() < immovableFraction;
            List<Integer> readers = consumers.getOrDefault(file, List.of());
            if (immovable && readers.stream().anyMatch(t -> pinnedTo.containsKey(t) && !pinnedTo.get(t).equals(site))) {
                immovable = false;
            }
            if (immovable) {
                readers.forEach(task -> pinnedTo.put(task, site));
            }
            placed.put(file, new Located(site, immovable));
        }
        return placed;
    }
}
