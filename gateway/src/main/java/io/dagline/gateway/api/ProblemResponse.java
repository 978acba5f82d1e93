package io.dagline.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dagline.core.validation.ValidationProblem;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One problem the validator found in a submitted job. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProblemResponse(String code, String message, String taskId, String dependency, List<String> cycle) {

  public static ProblemResponse from(ValidationProblem problem) {
    return new ProblemResponse(problem.code(), problem.message(), problem.taskId(), problem.dependency(), problem.cycle());
  }
}
