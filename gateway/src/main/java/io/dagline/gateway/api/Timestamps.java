package io.dagline.gateway.api;

import java.time.Instant;

public final class Timestamps {

  private Timestamps() {}

  /** Epoch milliseconds as ISO-8601 (UTC), or null. */
  public static String iso(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
  }
}
