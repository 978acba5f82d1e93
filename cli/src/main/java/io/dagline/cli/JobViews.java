package io.dagline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** How the gateway's job JSON reads to a person. */
public final class JobViews {

  private static final String[] COUNTS = {"waiting", "ready", "running", "succeeded", "failed", "skipped", "cancelled"};

  private JobViews() {}

  public static ProgressBar.Progress progress(JsonNode job) {
    JsonNode counts = job.path("counts");
    int done = counts.path("succeeded").asInt() + counts.path("failed").asInt() + counts.path("skipped").asInt()
        + counts.path("cancelled").asInt();
    return new ProgressBar.Progress(job.path("state").asText("?"), done, job.path("taskCount").asInt(),
        counts.path("running").asInt(), counts.path("failed").asInt());
  }

  /** GET /v1/jobs/{id} as label/value lines; empty fields are left out. */
  public static String statusTable(JsonNode job) {
    List<String[]> rows = new ArrayList<>();
    rows.add(row("Job", job.path("jobId").asText()));
    add(rows, "Name", job.path("name"));
    add(rows, "Pool", job.path("pool"));
    rows.add(row("State", job.path("state").asText()));
    rows.add(row("Tasks", job.path("taskCount").asInt() + " in " + job.path("partitionCount").asInt() + " partition"
        + (job.path("partitionCount").asInt() == 1 ? "" : "s")));
    StringBuilder counts = new StringBuilder();
    for (String count : COUNTS) {
      counts.append(counts.length() == 0 ? "" : "  ").append(count).append(' ').append(job.path("counts").path(count).asInt());
    }
    rows.add(row("Counts", counts.toString()));
    add(rows, "Submitted", job.path("submittedAt"));
    add(rows, "Started", job.path("startedAt"));
    add(rows, "Finished", job.path("finishedAt"));
    add(rows, "Cancel asked", job.path("cancelRequestedAt"));
    add(rows, "Failed task", job.path("failedTaskId"));
    add(rows, "Attempts", job.path("failedAttempts"));
    add(rows, "Last error", job.path("lastError"));
    for (JsonNode problem : job.path("problems")) {
      rows.add(row("Problem", problem.asText()));
    }
    int labelWidth = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    StringBuilder table = new StringBuilder();
    for (String[] row : rows) {
      table.append(String.format("%-" + labelWidth + "s  %s%n", row[0], row[1]));
    }
    return table.toString();
  }

  /** A page of GET /v1/jobs as a table, one job a line. */
  public static String jobsTable(JsonNode page) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"JOB", "STATE", "DONE", "FAILED", "SUBMITTED", "NAME"});
    for (JsonNode job : page.path("jobs")) {
      ProgressBar.Progress progress = progress(job);
      rows.add(new String[] {job.path("jobId").asText(), job.path("state").asText(),
          progress.done() + "/" + progress.total(), Integer.toString(progress.failed()),
          text(job.path("submittedAt")), text(job.path("name"))});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      table.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return table.toString();
  }

  private static void add(List<String[]> rows, String label, JsonNode value) {
    if (!value.isMissingNode() && !value.isNull() && !value.asText().isEmpty()) {
      rows.add(row(label, value.asText()));
    }
  }

  private static String text(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? "-" : value.asText();
  }

  private static String[] row(String label, String value) {
    return new String[] {label, value};
  }
}
