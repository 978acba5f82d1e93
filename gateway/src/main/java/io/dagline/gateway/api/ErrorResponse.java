package io.dagline.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Every error answer: a stable code and a sentence; {@code problems} only for an invalid job. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String error, String message, List<ProblemResponse> problems) {

  public static ErrorResponse of(String error, String message) {
    return new ErrorResponse(error, message, null);
  }
}
