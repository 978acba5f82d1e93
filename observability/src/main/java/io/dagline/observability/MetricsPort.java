package io.dagline.observability;

import java.util.OptionalInt;

/**
 * DAGLINE_METRICS_PORT: the port of the metrics and health server; unset, blank or 0 leaves it off.
 * Each service's main class reads the variable itself, where its other settings are read.
 */
public final class MetricsPort {

  public static final String VARIABLE = "DAGLINE_METRICS_PORT";
  /**
   * The address the server binds unless DAGLINE_METRICS_HOST says otherwise: loopback, so nothing is exposed
   * by default; set 0.0.0.0 where Prometheus scrapes from another host or container (compose does).
   */
  public static final String DEFAULT_HOST = "127.0.0.1";

  private MetricsPort() {}

  public static OptionalInt parse(String value) {
    if (value == null || value.isBlank()) {
      return OptionalInt.empty();
    }
    int port;
    try {
      port = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(VARIABLE + " must be a port number, not \"" + value + "\"");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(VARIABLE + " must be between 0 and 65535, not " + port);
    }
    return port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
  }
}
