package io.dagline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a line in a log file that another process writes. */
final class LogWatch {

  private LogWatch() {}

  static boolean awaitLine(Path log, String line, Duration timeout, BooleanSupplier stillRunning)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (contains(log, line)) {
        return true;
      }
      if (!stillRunning.getAsBoolean()) {
        return contains(log, line);
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static boolean contains(Path log, String line) {
    try {
      return Files.exists(log) && new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1).contains(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
