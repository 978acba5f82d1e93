package io.dagline.core.site;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Site-to-site bandwidths in bytes per second. Data read at the site that holds it costs nothing: the
 * diagonal of the matrix is never used.
 */
public final class Network {

    private final Map<String, Integer> indexByName;
    private final double[][] bytesPerSecond;

    /** @param bytesPerSecond {@code [from][to]}, in the order of {@code siteNames}; off-diagonal entries positive */
    public Network(List<String> siteNames, double[][] bytesPerSecond) {
        int n = siteNames.size();
        if (bytesPerSecond.length != n) {
            throw new IllegalArgumentException("bandwidth matrix has " + bytesPerSecond.length + " rows for " + n
                    + " sites");
        }
        this.indexByName = new HashMap<>();
        this.bytesPerSecond = new double[n][];
        for (int from = 0; from < n; from++) {
            if (indexByName.put(siteNames.get(from), from) != null) {
                throw new IllegalArgumentException("duplicate site " + siteNames.get(from));
            }
            if (bytesPerSecond[from].length != n) {
                throw new IllegalArgumentException("bandwidth matrix row " + from + " has "
                        + bytesPerSecond[from].length + " columns for " + n + " sites");
            }
            for (int to = 0; to < n; to++) {
                if (from != to && !(bytesPerSecond[from][to] > 0)) {
                    throw new IllegalArgumentException("bandwidth " + siteNames.get(from) + " -> " + siteNames.get(to)
                            + " must be positive");
                }
            }
            this.bytesPerSecond[from] = bytesPerSecond[from].clone();
        }
    }

    /** A network where every pair of distinct sites is joined at the same bandwidth. */
    public static Network uniform(List<String> siteNames, double bytesPerSecond) {
        int n = siteNames.size();
        double[][] matrix = new double[n][n];
        for (double[] row : matrix) {
            java.util.Arrays.fill(row, bytesPerSecond);
        }
        return new Network(siteNames, matrix);
    }

    /**
     * Seconds to move {@code bytes} from one site to another; 0 when they are the same site or the data's site
     * is unknown ({@code null}).
     */
    public double transferSeconds(String from, String to, long bytes) {
        if (from == null || from.equals(to) || bytes <= 0) {
            return 0;
        }
        return bytes / bytesPerSecond[index(from)][index(to)];
    }

    public double bytesPerSecond(String from, String to) {
        return bytesPerSecond[index(from)][index(to)];
    }

    private int index(String site) {
        Integer index = indexByName.get(site);
        if (index == null) {
            throw new IllegalArgumentException("unknown site " + site);
        }
        return index;
    }
}
