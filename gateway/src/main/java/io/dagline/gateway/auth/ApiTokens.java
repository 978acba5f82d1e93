package io.dagline.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API tokens the gateway accepts, each naming its tenant. Only SHA-256 digests of the tokens are
 * configured ({@code tenant:hex-digest}), so the configuration does not hold anything that would let
 * someone call the API. Tokens are random strings of enough entropy that one unsalted hash suffices.
 */
public final class ApiTokens {

  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

  private final Map<String, String> tenantByDigest;

  private ApiTokens(Map<String, String> tenantByDigest) {
    this.tenantByDigest = Map.copyOf(tenantByDigest);
  }

  /**
   * Reads {@code tenant:sha256-hex} entries.
   *
   * @throws IllegalArgumentException for an entry that is not of that form, so that a typo stops the
   *     gateway rather than locking a tenant out
   */
  public static ApiTokens parse(List<String> entries) {
    Map<String, String> tenantByDigest = new HashMap<>();
    for (String entry : entries) {
      int colon = entry.indexOf(':');
      String tenant = colon < 0 ? "" : entry.substring(0, colon).trim();
      String digest = colon < 0 ? "" : entry.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      if (!TENANT.matcher(tenant).matches() || !DIGEST.matcher(digest).matches()) {
        throw new IllegalArgumentException("API token entry must be tenant:sha256-hex (tenant of letters, digits, "
            + "'.', '_', '-'; 64 hex digits), got an entry of " + entry.length() + " characters starting "
            + (colon < 0 ? "without a colon" : "with tenant \"" + tenant + "\""));
      }
      String previous = tenantByDigest.put(digest, tenant);
      if (previous != null && !previous.equals(tenant)) {
        throw new IllegalArgumentException("one token digest is configured for tenants " + previous + " and " + tenant);
      }
    }
    return new ApiTokens(tenantByDigest);
  }

  /** The tenant whose token this is, or empty for an unknown token. */
  public Optional<String> tenantOf(String token) {
    return Optional.ofNullable(tenantByDigest.get(digest(token)));
  }

  public boolean isEmpty() {
    return tenantByDigest.isEmpty();
  }

  /** The hex SHA-256 of the token's UTF-8 bytes: what {@code printf %s "$TOKEN" | sha256sum} prints. */
  public static String digest(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
