package io.dagline.scheduler;

/** Parts of state-store keys that must sort as numbers do. */
public final class StoreKeys {

  private StoreKeys() {}

  /** {@code value} zero-padded to {@code width} digits; without String.format, which showed in profiles. */
  public static String padded(long value, int width) {
    String digits = Long.toString(value);
    return "0".repeat(Math.max(0, width - digits.length())) + digits;
  }
}
