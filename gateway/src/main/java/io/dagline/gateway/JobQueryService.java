package io.dagline.gateway;

import io.dagline.gateway.api.JobStatusResponse;
import io.dagline.gateway.api.TaskListResponse;
import io.dagline.gateway.api.TaskStatusResponse;
import io.dagline.schemas.PartitionStatus;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.TaskStatusEntry;
import io.micronaut.http.HttpStatus;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Answers status questions from the local views; never reads Kafka on a request. */
public final class JobQueryService {

  private final StatusViews views;

  public JobQueryService(StatusViews views) {
    this.views = views;
  }

  public JobStatusResponse job(String jobId) {
    return views.job(jobId).map(JobStatusResponse::from).orElseThrow(() -> notFound(jobId));
  }

  /**
   * All tasks of the job across its graph partitions, sorted by task id.
   *
   * @param state only tasks in this state (case-insensitive), or null for all
   */
  public TaskListResponse tasks(String jobId, String state) {
    TaskState filter = parseState(state);
    if (!views.knows(jobId)) {
      throw notFound(jobId);
    }
    // A task belongs to one partition; should two partitions report it, the newer report wins.
    Map<String, TaskStatusEntry> byId = new HashMap<>();
    Map<String, Long> reportedAt = new HashMap<>();
    for (PartitionStatus partition : views.partitions(jobId)) {
      for (TaskStatusEntry task : partition.getTasks()) {
        Long seen = reportedAt.get(task.getTaskId());
        if (seen == null || seen < partition.getUpdatedAt()) {
          byId.put(task.getTaskId(), task);
          reportedAt.put(task.getTaskId(), partition.getUpdatedAt());
        }
      }
    }
    List<TaskStatusResponse> tasks = byId.values().stream()
        .filter(task -> filter == null || task.getState() == filter)
        .sorted(Comparator.comparing(TaskStatusEntry::getTaskId))
        .map(TaskStatusResponse::from)
        .toList();
    return new TaskListResponse(jobId, tasks);
  }

  private static TaskState parseState(String state) {
    if (state == null || state.isBlank()) {
      return null;
    }
    try {
      return TaskState.valueOf(state.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_PARAMETER,
          "state " + quoteShort(state) + " is not a task state; expected one of " + Arrays.toString(TaskState.values()));
    }
  }

  private static String quoteShort(String value) {
    return '"' + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + '"';
  }

  private static ApiException notFound(String jobId) {
    return new ApiException(HttpStatus.NOT_FOUND, ErrorCodes.JOB_NOT_FOUND, "job " + quoteShort(jobId) + " is not known");
  }
}
