package io.dagline.gateway.auth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pools reserved to one tenant ({@code pool:tenant} entries). A pool not listed is shared by every
 * tenant. Only enforced when authentication is on.
 */
public final class PoolOwners {

  private final Map<String, String> ownerByPool;

  private PoolOwners(Map<String, String> ownerByPool) {
    this.ownerByPool = Map.copyOf(ownerByPool);
  }

  public static PoolOwners parse(List<String> entries) {
    Map<String, String> owners = new HashMap<>();
    for (String entry : entries) {
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw new IllegalArgumentException("pool owner entry must be pool:tenant, got \"" + entry + "\"");
      }
      owners.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
    }
    return new PoolOwners(owners);
  }

  public Optional<String> ownerOf(String pool) {
    return Optional.ofNullable(pool == null ? null : ownerByPool.get(pool));
  }

  /** Whether the tenant may submit into the pool; a null tenant (authentication off) may use every pool. */
  public boolean allows(String tenant, String pool) {
    String owner = pool == null ? null : ownerByPool.get(pool);
    return tenant == null || owner == null || owner.equals(tenant);
  }
}
