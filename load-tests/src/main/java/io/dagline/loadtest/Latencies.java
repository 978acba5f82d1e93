package io.dagline.loadtest;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Millisecond latencies and their percentiles (HdrHistogram, 3 significant digits). */
final class Latencies {

  private final Histogram histogram = new Histogram(3);
  private long negative;

  /** Records one latency; a negative one (clock reads a millisecond apart in two processes) counts as 0. */
  void record(long millis) {
    if (millis < 0) {
      negative++;
    }
    histogram.recordValue(Math.max(0, millis));
  }

  long count() {
    return histogram.getTotalCount();
  }

  long negative() {
    return negative;
  }

  long percentile(double p) {
    return histogram.getValueAtPercentile(p);
  }

  /** "p50 / p95 / p99 / max" in ms, or "–" without samples. */
  String summary() {
    if (count() == 0) {
      return "–";
    }
    return String.format(Locale.ROOT, "%d / %d / %d / %d", percentile(50), percentile(95), percentile(99),
        histogram.getMaxValue());
  }
}
