package io.dagline.gateway.auth;

import io.micronaut.core.type.Argument;
import io.micronaut.core.value.PropertyResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dagline.gateway.auth.*}: whether API tokens are required, the accepted token digests and the
 * pools reserved to tenants. Lists may be YAML lists or comma-separated strings (environment variables).
 */
public record AuthSettings(boolean enabled, ApiTokens tokens, PoolOwners poolOwners, String untenantedJobsOwner) {

  public static final String ENABLED = "dagline.gateway.auth.enabled";
  public static final String TOKENS = "dagline.gateway.auth.tokens";
  public static final String POOL_OWNERS = "dagline.gateway.auth.pool-owners";
  /**
   * The tenant that owns the jobs submitted while authentication was off (they have no tenant): it sees and
   * may cancel them. Unset: once authentication is on, nobody sees them through the API.
   */
  public static final String UNTENANTED_JOBS_OWNER = "dagline.gateway.auth.untenanted-jobs-owner";

  public AuthSettings {
    if (enabled && tokens.isEmpty()) {
      throw new IllegalArgumentException(ENABLED + " is true but " + TOKENS + " lists no token: nobody could call the API");
    }
  }

  public static AuthSettings disabled() {
    return new AuthSettings(false, ApiTokens.parse(List.of()), PoolOwners.parse(List.of()), null);
  }

  public static AuthSettings from(PropertyResolver properties) {
    return new AuthSettings(
        properties.get(ENABLED, Boolean.class, false),
        ApiTokens.parse(list(properties, TOKENS)),
        PoolOwners.parse(list(properties, POOL_OWNERS)),
        properties.get(UNTENANTED_JOBS_OWNER, String.class).filter(owner -> !owner.isBlank()).map(String::trim)
            .orElse(null));
  }

  private static List<String> list(PropertyResolver properties, String name) {
    List<String> entries = new ArrayList<>();
    for (String value : properties.get(name, Argument.listOf(String.class)).orElse(List.of())) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          entries.add(part.trim());
        }
      }
    }
    return entries;
  }
}
