package io.dagline.loadtest.gatling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every finished job of a run as the client saw it, with the scheduler's own view (submitted → finished,
 * from the last status): printed as a summary per shape when the simulation ends, next to Gatling's
 * report. Gatling's group statistics show the same end-to-end times; this adds the split by DAG shape
 * and the server-side makespan, which say where the time went.
 */
final class JobOutcomes {

  record Outcome(String jobId, String shape, int tasks, String state, long clientMillis, long serverMillis) {}

  private static final Pattern SUBMITTED = Pattern.compile("\"submittedAt\":\"([^\"]+)\"");
  private static final Pattern FINISHED = Pattern.compile("\"finishedAt\":\"([^\"]+)\"");

  private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

  void record(String jobId, String shape, int tasks, String state, long clientMillis, String lastStatus) {
    outcomes.add(new Outcome(jobId, shape, tasks, state, clientMillis, serverMillis(lastStatus)));
  }

  /** finishedAt − submittedAt of the job's last status, or −1 when it has not finished. */
  static long serverMillis(String status) {
    if (status == null) {
      return -1;
    }
    Matcher submitted = SUBMITTED.matcher(status);
    Matcher finished = FINISHED.matcher(status);
    if (!submitted.find() || !finished.find()) {
      return -1;
    }
    return Duration.between(Instant.parse(submitted.group(1)), Instant.parse(finished.group(1))).toMillis();
  }

  void printSummary(String title) {
    List<Outcome> all = new ArrayList<>(outcomes);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n==== %s: end-to-end job latency (client: POST → SUCCEEDED seen; server: submittedAt → finishedAt) ====%n", title));
    out.append(String.format(Locale.ROOT, "%-14s %5s %9s | %8s %8s %8s %8s %8s | %8s %8s %8s%n", "shape", "jobs", "tasks avg",
        "p50 ms", "p75 ms", "p95 ms", "p99 ms", "max ms", "srv p50", "srv p95", "srv max"));
    Map<String, List<Outcome>> byShape = new TreeMap<>();
    for (Outcome outcome : all) {
      byShape.computeIfAbsent(outcome.shape(), shape -> new ArrayList<>()).add(outcome);
    }
    byShape.forEach((shape, list) -> out.append(line(shape, list)));
    out.append(line("all", all));
    long notSucceeded = all.stream().filter(o -> !"SUCCEEDED".equals(o.state())).count();
    out.append(String.format(Locale.ROOT, "jobs not SUCCEEDED: %d of %d%n", notSucceeded, all.size()));
    all.stream().filter(o -> !"SUCCEEDED".equals(o.state())).limit(10)
        .forEach(o -> out.append(String.format(Locale.ROOT, "  %s %s (%d tasks): %s after %d ms%n",
            o.jobId(), o.shape(), o.tasks(), o.state().isEmpty() ? "no final state" : o.state(), o.clientMillis())));
    System.out.println(out);
  }

  private static String line(String shape, List<Outcome> list) {
    if (list.isEmpty()) {
      return "";
    }
    List<Outcome> sorted = new ArrayList<>(list);
    sorted.sort(Comparator.comparingLong(Outcome::clientMillis));
    long[] server = list.stream().mapToLong(Outcome::serverMillis).filter(ms -> ms >= 0).sorted().toArray();
    double tasks = list.stream().mapToInt(Outcome::tasks).average().orElse(0);
    return String.format(Locale.ROOT, "%-14s %5d %9.0f | %8d %8d %8d %8d %8d | %8s %8s %8s%n", shape, list.size(), tasks,
        pct(sorted, 50), pct(sorted, 75), pct(sorted, 95), pct(sorted, 99), sorted.get(sorted.size() - 1).clientMillis(),
        server.length == 0 ? "-" : Long.toString(pct(server, 50)),
        server.length == 0 ? "-" : Long.toString(pct(server, 95)),
        server.length == 0 ? "-" : Long.toString(server[server.length - 1]));
  }

  /** Nearest-rank percentile. */
  private static long pct(List<Outcome> sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)).clientMillis();
  }

  private static long pct(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
