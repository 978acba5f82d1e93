package io.dagline.gateway.api;

import java.time.Instant;

final class Timestamps {

  private Timestamps() {}

  /** Epoch milliseconds as ISO-8601 (UTC), or null. */
  static String iso(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
  }
}
