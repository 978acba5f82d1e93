package io.dagline.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dagline.schemas.AttemptSummary;
import io.dagline.schemas.TaskOutput;
import io.dagline.schemas.TaskResult;
import io.dagline.schemas.TaskState;
import io.dagline.schemas.TaskStatusEntry;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One task with its attempts, as {@code GET /v1/jobs/{id}/tasks/{taskId}} shows it: the fields of
 * {@link TaskStatusResponse} plus {@code jobId}, {@code attempts} (oldest first), and what the task
 * produced once it succeeded: {@code result} (inline) or {@code resultRef} (a reference), else null.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskDetailResponse(
    String jobId,
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
    List<AttemptResponse> attempts,
    String result,
    ResultReferenceResponse resultRef) {

  /** States in which the entry's error belongs to its current attempt (otherwise it is the previous one's). */
  private static final Set<TaskState> ENDED = EnumSet.of(TaskState.FAILED, TaskState.CANCELLED, TaskState.SKIPPED);

  public static TaskDetailResponse from(String jobId, TaskStatusEntry task, TaskResult result) {
    TaskStatusResponse status = TaskStatusResponse.from(task);
    TaskOutput output = result == null ? null : result.getOutput();
    return new TaskDetailResponse(jobId, status.id(), status.state(), status.attempt(), status.dependencies(),
        status.executorId(), status.site(), status.readyAt(), status.startedAt(), status.finishedAt(), status.error(),
        status.retryAt(), attempts(task), output == null ? null : output.getResult(),
        output == null ? null : ResultReferenceResponse.from(output.getResultRef()));
  }

  /**
   * The attempts the status topic keeps (those before the current one) followed by the current one, when
   * it has been given to an executor. A task waiting for its first attempt, or for a retry, has none yet.
   */
  static List<AttemptResponse> attempts(TaskStatusEntry task) {
    List<AttemptResponse> attempts = new ArrayList<>();
    for (AttemptSummary previous : task.getPreviousAttempts()) {
      attempts.add(AttemptResponse.from(previous));
    }
    if (task.getStartedAt() != null || task.getExecutorId() != null) {
      attempts.add(new AttemptResponse(task.getAttempt(), task.getExecutorId(), task.getSite(),
          Timestamps.iso(task.getStartedAt()), Timestamps.iso(task.getFinishedAt()), task.getState().name(),
          ENDED.contains(task.getState()) ? task.getError() : null));
    }
    return attempts;
  }
}
