package io.dagline.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dagline.schemas.AttemptSummary;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One attempt of a task. {@code outcome} is the task state the attempt ended in (FAILED for every
 * attempt that was retried), or READY / RUNNING for the current attempt while it is queued or runs.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AttemptResponse(int attempt, String executorId, String site, String startedAt, String finishedAt,
    String outcome, String error) {

  public static AttemptResponse from(AttemptSummary attempt) {
    return new AttemptResponse(attempt.getAttempt(), attempt.getExecutorId(), attempt.getSite(),
        Timestamps.iso(attempt.getStartedAt()), Timestamps.iso(attempt.getFinishedAt()), attempt.getOutcome().name(),
        attempt.getError());
  }
}
