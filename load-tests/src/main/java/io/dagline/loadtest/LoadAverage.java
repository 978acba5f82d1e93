package io.dagline.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average, printed next to each result: other work on the cores disturbs them. */
final class LoadAverage {

  private LoadAverage() {}

  static String oneMinute() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
