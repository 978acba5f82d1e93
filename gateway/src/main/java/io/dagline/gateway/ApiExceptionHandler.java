package io.dagline.gateway;

import io.dagline.gateway.api.ErrorResponse;
import io.dagline.gateway.api.ProblemResponse;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders the gateway's own refusals. */
@Singleton
@Produces(MediaType.APPLICATION_JSON)
@Requires(classes = {ApiException.class, ExceptionHandler.class})
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ErrorResponse>> {

  @Override
  public HttpResponse<ErrorResponse> handle(HttpRequest request, ApiException exception) {
    var problems = exception.problems() == null ? null
        : exception.problems().stream().map(ProblemResponse::from).toList();
    return HttpResponse.<ErrorResponse>status(exception.status())
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(new ErrorResponse(exception.code(), exception.getMessage(), problems));
  }
}
