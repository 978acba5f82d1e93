package io.dagline.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** When a job's tasks started, from the gateway's task list: how long work stalled after a failure. */
public record TaskTimeline(List<Long> starts) {

  /** Reads {@code GET /v1/jobs/{id}/tasks}'s body. */
  public static TaskTimeline of(JsonNode taskList) {
    List<Long> starts = new ArrayList<>();
    for (JsonNode task : taskList.get("tasks")) {
      if (task.hasNonNull("startedAt")) {
        starts.add(Instant.parse(task.get("startedAt").asText()).toEpochMilli());
      }
    }
    Collections.sort(starts);
    return new TaskTimeline(List.copyOf(starts));
  }

  /**
   * A time without any task starting: from {@code fromMs} to {@code toMs} after a moment (a kill), and how many
   * tasks started after it — all the rest of the job when work stopped everywhere, a few when one chain waited.
   */
  public record Gap(long millis, long fromMs, long toMs, int startsAfter) {

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%d ms (from %.1f to %.1f s after the kill; %d task starts after it)",
          millis, fromMs / 1000.0, toMs / 1000.0, startsAfter);
    }
  }

  /** The longest time without any task starting, from {@code since} to the last start. */
  public long longestStartGapAfter(long since) {
    return longestGapAfter(since).millis();
  }

  /** The longest time without any task starting, from {@code since} to the last start, and where it was. */
  public Gap longestGapAfter(long since) {
    long previous = since;
    Gap longest = new Gap(0, 0, 0, 0);
    for (int i = 0; i < starts.size(); i++) {
      long start = starts.get(i);
      if (start >= since) {
        if (start - previous > longest.millis()) {
          longest = new Gap(start - previous, previous - since, start - since, starts.size() - i);
        }
        previous = start;
      }
    }
    return longest;
  }
}
