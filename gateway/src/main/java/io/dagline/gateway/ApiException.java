package io.dagline.gateway;

import io.dagline.core.validation.ValidationProblem;
import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * A request the gateway answers with a JSON error instead of a result. Carries the HTTP status, a
 * stable machine-readable code and a sentence for humans; {@link #problems()} only for an invalid job.
 */
public final class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final List<ValidationProblem> problems;

  public ApiException(HttpStatus status, String code, String message) {
    this(status, code, message, null, null);
  }

  public ApiException(HttpStatus status, String code, String message, List<ValidationProblem> problems,
      Throwable cause) {
    super(message, cause, false, false);
    this.status = status;
    this.code = code;
    this.problems = problems == null ? null : List.copyOf(problems);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The validator's problems for {@link ErrorCodes#INVALID_JOB}, otherwise null. */
  public List<ValidationProblem> problems() {
    return problems;
  }

  static ApiException invalidField(String path, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_FIELD, path + " " + message);
  }
}
