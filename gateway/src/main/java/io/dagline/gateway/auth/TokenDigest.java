package io.dagline.gateway.auth;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Prints a configuration entry for a tenant's API token: {@code TokenDigest <tenant> [token]}. Without a
 * token, a random one is made and printed too (shown once: only its digest goes into the configuration).
 */
public final class TokenDigest {

  private TokenDigest() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: TokenDigest <tenant> [token]");
      System.exit(2);
    }
    String token = args.length == 2 ? args[1] : newToken();
    if (args.length == 1) {
      System.out.println("token: " + token);
    }
    System.out.println("entry: " + args[0] + ":" + ApiTokens.digest(token));
  }

  static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return "dgl_" + HexFormat.of().formatHex(bytes);
  }
}
