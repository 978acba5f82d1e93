package io.dagline.core.pools;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pools file, Java properties (see docs/decisions/0012-pool-configuration.md):
 *
 * <pre>
 * # ordering of pools nobody declared (default: dagline)
 * default.ordering = fifo
 * pool.etl.ordering = dagline
 * pool.etl.weight = 2
 * pool.etl.minShare = 4
 * pool.etl.tenant = acme
 * </pre>
 *
 * A pool exists once any of its keys is given; missing keys take Spark's defaults (weight 1, minShare 0) and the
 * default ordering. Unknown keys, unknown orderings and bad numbers are errors naming the key.
 */
public final class PoolsFile {

    private static final Pattern POOL_KEY = Pattern.compile("pool\\.([^.]+)\\.(ordering|weight|minShare|tenant)");
    private static final String DEFAULT_ORDERING_KEY = "default.ordering";

    private PoolsFile() {
    }

    public static Pools parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pools file: " + e.getMessage(), e);
        }
        PoolOrdering defaultOrdering = PoolOrdering.DAGLINE;
        Map<String, Map<String, String>> fieldsByPool = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).strip();
            if (key.equals(DEFAULT_ORDERING_KEY)) {
                defaultOrdering = ordering(key, value);
                continue;
            }
            Matcher matcher = POOL_KEY.matcher(key);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("pools file: unknown key \"" + key + "\"; expected "
                        + DEFAULT_ORDERING_KEY + " or pool.NAME.(ordering|weight|minShare|tenant)");
            }
            fieldsByPool.computeIfAbsent(matcher.group(1), name -> new LinkedHashMap<>()).put(matcher.group(2), value);
        }
        Map<String, PoolConfig> pools = new LinkedHashMap<>();
        for (var entry : fieldsByPool.entrySet()) {
            String name = entry.getKey();
            Map<String, String> fields = entry.getValue();
            String prefix = "pool." + name + ".";
            PoolOrdering ordering = fields.containsKey("ordering")
                    ? ordering(prefix + "ordering", fields.get("ordering")) : defaultOrdering;
            int weight = integer(prefix + "weight", fields.getOrDefault("weight", "1"));
            int minShare = integer(prefix + "minShare", fields.getOrDefault("minShare", "0"));
            String tenant = fields.get("tenant");
            try {
                pools.put(name, new PoolConfig(name, ordering, weight, minShare,
                        tenant == null || tenant.isEmpty() ? null : tenant));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pools file: " + e.getMessage(), e);
            }
        }
        return new Pools(pools, defaultOrdering);
    }

    private static PoolOrdering ordering(String key, String value) {
        try {
            return PoolOrdering.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pools file: " + key + ": " + e.getMessage(), e);
        }
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pools file: " + key + " must be an integer, was \"" + value + "\"", e);
        }
    }
}
