package io.dagline.loadtest.gatling;

import java.time.Duration;

/**
 * The simulations' knobs, read from system properties ({@code -Ddagline.NAME=value} on the Maven command
 * line; the Gatling plugin passes them on to its forked JVM). Each has a default that suits a 2-core
 * machine running the embedded stack.
 */
final class LoadSettings {

  private LoadSettings() {}

  /** The gateway's base URL; the simulations send requests to nothing else. */
  static String baseUrl() {
    String url = string("dagline.url", "http://127.0.0.1:8080");
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Seed of the random DAG shapes: the same seed gives the same sequence of jobs. */
  static long seed() {
    return Long.parseLong(string("dagline.seed", "42"));
  }

  /** Pause between two status polls of one job. */
  static Duration pollInterval(long defaultMillis) {
    return Duration.ofMillis(integer("dagline.pollMillis", (int) defaultMillis));
  }

  /** How long one job is polled at most before it counts as failed. */
  static Duration maxJobDuration(int defaultSeconds) {
    return Duration.ofSeconds(integer("dagline.maxJobSeconds", defaultSeconds));
  }

  /** The largest share of failed requests (and failed jobs), in percent, before the run fails. */
  static double maxErrorPercent() {
    return decimal("dagline.maxErrorPercent", 1.0);
  }

  static int integer(String name, int fallback) {
    return Integer.parseInt(string(name, Integer.toString(fallback)));
  }

  static double decimal(String name, double fallback) {
    return Double.parseDouble(string(name, Double.toString(fallback)));
  }

  static String string(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
