package io.dagline.cli;

import java.time.Duration;
import java.util.Locale;

/**
 * One line of a job's progress, for a terminal: a bar of finished tasks, then counts, elapsed time
 * and rate, e.g. {@code [##########..........]  50/100 done  4 running  0 failed  12.5 s  4.0 tasks/s}.
 */
public final class ProgressBar {

  /** What the bar shows of a job: tasks finished in any way, all tasks, running now, failed. */
  public record Progress(String state, int done, int total, int running, int failed) {}

  private final int width;

  public ProgressBar(int width) {
    if (width < 1) {
      throw new IllegalArgumentException("the bar needs a width, not " + width);
    }
    this.width = width;
  }

  public String render(Progress progress, Duration elapsed) {
    int filled = progress.total() <= 0 ? 0 : (int) ((long) width * Math.min(progress.done(), progress.total()) / progress.total());
    double seconds = elapsed.toMillis() / 1000.0;
    String rate = seconds <= 0 ? "-" : String.format(Locale.ROOT, "%.1f", progress.done() / seconds);
    // The done count takes the total's width, so the line does not jump as it grows.
    String done = String.format(Locale.ROOT, "%" + digits(progress.total()) + "d", progress.done());
    return String.format(Locale.ROOT, "[%s%s] %s/%d done  %d running  %d failed  %.1f s  %s tasks/s  %s",
        "#".repeat(filled), ".".repeat(width - filled), done, progress.total(),
        progress.running(), progress.failed(), seconds, rate, progress.state());
  }

  private static int digits(int total) {
    return Math.max(1, Integer.toString(Math.max(0, total)).length());
  }
}
