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

  /** The longest time without any task starting, from {@code since} to the last start. */
  public long longestStartGapAfter(long since) {
    long previous = since;
    long longest = 0;
    for (long start : starts) {
      if (start >= since) {
        longest = Math.max(longest, start - previous);
        previous = start;
      }
    }
    return longest;
  }
}
