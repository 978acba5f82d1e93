package io.dagline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Polls a job until it reaches a final state, drawing its progress on stderr: redrawn in place on a
 * terminal, one line per change otherwise (a log or CI output should not fill with carriage returns).
 */
public final class JobWatcher {

  private final GatewayClient gateway;
  private final PrintWriter err;
  private final boolean terminal;
  private final Duration interval;
  private final ProgressBar bar = new ProgressBar(30);

  public JobWatcher(GatewayClient gateway, PrintWriter err, boolean terminal, Duration interval) {
    this.gateway = gateway;
    this.err = err;
    this.terminal = terminal;
    this.interval = interval;
  }

  /** The job's status once final. */
  public JsonNode watch(String jobId) throws InterruptedException {
    long startedAt = System.nanoTime();
    String lastLine = null;
    while (true) {
      JsonNode job = gateway.job(jobId);
      String line = bar.render(JobViews.progress(job), Duration.ofNanos(System.nanoTime() - startedAt));
      boolean done = ExitCodes.isFinal(job.path("state").asText());
      if (terminal) {
        err.print("\r" + line + "\u001b[K" + (done ? System.lineSeparator() : ""));
      } else if (!withoutTimes(line).equals(withoutTimes(lastLine)) || done) {
        err.println(line);
      }
      err.flush();
      lastLine = line;
      if (done) {
        return job;
      }
      Thread.sleep(interval.toMillis());
    }
  }

  /** The line without elapsed time and rate, which change at every poll. */
  private static String withoutTimes(String line) {
    return line == null ? "" : line.replaceAll("  [0-9.]+ s  [0-9.-]+ tasks/s", "");
  }
}
