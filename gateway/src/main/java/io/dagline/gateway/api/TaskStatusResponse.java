package io.dagline.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dagline.schemas.TaskStatusEntry;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One task's latest status. Timestamps are ISO-8601 or null; {@code queueSite}: the site a task not yet
 * finished runs at or waits for.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskStatusResponse(
    String id,
    String state,
    int attempt,
    List<String> dependencies,
    String executorId,
    String site,
    String readyAt,
    String startedAt,
    String finishedAt,
    String error,
    String retryAt,
    String queueSite) {

  public static TaskStatusResponse from(TaskStatusEntry task) {
    return new TaskStatusResponse(
        task.getTaskId(),
        task.getState().name(),
        task.getAttempt(),
        List.copyOf(task.getDependencies()),
        task.getExecutorId(),
        task.getSite(),
        Timestamps.iso(task.getReadyAt()),
        Timestamps.iso(task.getStartedAt()),
        Timestamps.iso(task.getFinishedAt()),
        task.getError(),
        Timestamps.iso(task.getRetryAt()),
        task.getQueueSite());
  }
}
