package io.dagline.observability;

import java.util.OptionalInt;

/** DAGLINE_METRICS_PORT: the port of the metrics and health server; unset, blank or 0 leaves it off. */
public final class MetricsPort {

  public static final String VARIABLE = "DAGLINE_METRICS_PORT";

  private MetricsPort() {}

  public static OptionalInt fromEnvironment() {
    return parse(System.getenv(VARIABLE));
  }

  static OptionalInt parse(String value) {
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

  /** The address the server binds: DAGLINE_METRICS_HOST, default all interfaces (Prometheus scrapes from elsewhere). */
  public static String hostFromEnvironment() {
    String host = System.getenv("DAGLINE_METRICS_HOST");
    return host == null || host.isBlank() ? "0.0.0.0" : host;
  }
}
