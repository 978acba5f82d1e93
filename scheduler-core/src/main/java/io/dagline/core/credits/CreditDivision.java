package io.dagline.core.credits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Divides a site's dispatch credits (its slots times a small pipelining factor) between the graph
 * partitions that want to run there: the two-level split of YARN and Mesos, where a resource manager
 * grants and each application places its own tasks into its grant.
 *
 * <p>Every partition that wants credits gets one first, the oldest claims first, so none starves while
 * there are enough to go round. Then between pools as Spark's FAIR scheduler does: each pool gets up to its {@code minShare},
 * then the rest by weight, never more than the pool asks for. Within a pool, the partitions share
 * equally, the oldest claim first when credits do not go round. What no claim wants is not wasted:
 * a partition that went idle keeps its grant while nobody needs it (so a partition whose next task
 * waits on another partition dispatches at once when it comes), and what remains after that is spread
 * over the active partitions as headroom, so that a partition whose demand grows need not wait for
 * the coordinator before it dispatches more.
 */
public final class CreditDivision {

  /** A pool's share: Spark FAIR's weight and minShare. */
  public record PoolShare(int weight, int minShare) {
    public static final PoolShare DEFAULT = new PoolShare(1, 0);

    public PoolShare {
      if (weight <= 0 || minShare < 0) {
        throw new IllegalArgumentException("weight must be positive and minShare not negative: " + weight + ", " + minShare);
      }
    }
  }

  /**
   * One partition's claim on the site.
   *
   * @param demand attempts it wants in flight (queued plus in flight); 0 when idle
   * @param granted what it holds now
   * @param since when its demand last started: older claims first
   */
  public record Claim(String key, String pool, int demand, int granted, long since) {}

  private CreditDivision() {}

  /** The new grant of every claim, in the order given. */
  public static Map<String, Integer> divide(int capacity, List<Claim> claims, Map<String, PoolShare> pools) {
    Map<String, Integer> grants = new LinkedHashMap<>();
    claims.forEach(claim -> grants.put(claim.key(), 0));
    List<Claim> active = claims.stream().filter(claim -> claim.demand() > 0)
        .sorted(Comparator.comparingLong(Claim::since).thenComparing(Claim::key)).toList();
    int left = capacity;
    Map<String, List<Claim>> byPool = new LinkedHashMap<>();
    active.forEach(claim -> byPool.computeIfAbsent(poolOf(claim), pool -> new ArrayList<>()).add(claim));
    Map<String, Integer> poolGrants = dividePools(left, active, byPool, pools);
    for (Map.Entry<String, List<Claim>> pool : byPool.entrySet()) {
      int given = poolGrants.get(pool.getKey());
      left -= given;
      shareEqually(given, pool.getValue(), grants, true);
    }
    // Idle partitions keep what they hold while it fits, the most recently active first.
    List<Claim> idle = claims.stream().filter(claim -> claim.demand() == 0 && claim.granted() > 0)
        .sorted(Comparator.comparingLong(Claim::since).reversed().thenComparing(Claim::key)).toList();
    for (Claim claim : idle) {
      int kept = Math.min(claim.granted(), left);
      grants.put(claim.key(), kept);
      left -= kept;
    }
    if (left > 0 && !active.isEmpty()) {
      shareEqually(left, active, grants, false);
    }
    return grants;
  }

  private static String poolOf(Claim claim) {
    return claim.pool() == null ? "" : claim.pool();
  }

  /**
   * Pool by pool: first one credit for every active partition, oldest first, so that no partition
   * starves while there are credits to go round; then each pool up to its minShare; then one credit at a
   * time to the pool furthest below its weighted share.
   */
  private static Map<String, Integer> dividePools(int capacity, List<Claim> active, Map<String, List<Claim>> byPool,
      Map<String, PoolShare> pools) {
    Map<String, Integer> given = new HashMap<>();
    Map<String, Integer> wanted = new HashMap<>();
    byPool.forEach((pool, claims) -> {
      given.put(pool, 0);
      wanted.put(pool, claims.stream().mapToInt(Claim::demand).sum());
    });
    int left = capacity;
    for (Claim claim : active) {
      if (left == 0) {
        break;
      }
      given.merge(poolOf(claim), 1, Integer::sum);
      left--;
    }
    List<String> order = new ArrayList<>(byPool.keySet());
    while (left > 0) {
      String neediest = null;
      double lowest = Double.MAX_VALUE;
      for (String pool : order) {
        int minShare = Math.min(share(pools, pool).minShare(), wanted.get(pool));
        if (given.get(pool) < minShare) {
          double fill = (double) given.get(pool) / minShare;
          if (fill < lowest) {
            lowest = fill;
            neediest = pool;
          }
        }
      }
      if (neediest == null) {
        break;
      }
      given.merge(neediest, 1, Integer::sum);
      left--;
    }
    while (left > 0) {
      String neediest = null;
      double lowest = Double.MAX_VALUE;
      for (String pool : order) {
        if (given.get(pool) < wanted.get(pool)) {
          double perWeight = (double) given.get(pool) / share(pools, pool).weight();
          if (perWeight < lowest) {
            lowest = perWeight;
            neediest = pool;
          }
        }
      }
      if (neediest == null) {
        break;
      }
      given.merge(neediest, 1, Integer::sum);
      left--;
    }
    return given;
  }

  /**
   * Adds {@code credits} to the claims one at a time, each to the claim holding least (the oldest on a
   * tie); {@code capped}: never beyond a claim's demand.
   */
  private static void shareEqually(int credits, List<Claim> claims, Map<String, Integer> grants, boolean capped) {
    int left = credits;
    while (left > 0) {
      Claim neediest = null;
      int lowest = Integer.MAX_VALUE;
      for (Claim claim : claims) {
        int held = grants.get(claim.key());
        if ((!capped || held < claim.demand()) && held < lowest) {
          lowest = held;
          neediest = claim;
        }
      }
      if (neediest == null) {
        return;
      }
      grants.merge(neediest.key(), 1, Integer::sum);
      left--;
    }
  }

  private static PoolShare share(Map<String, PoolShare> pools, String pool) {
    return pools.getOrDefault(pool, PoolShare.DEFAULT);
  }
}
