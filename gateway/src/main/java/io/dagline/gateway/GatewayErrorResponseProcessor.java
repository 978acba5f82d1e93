package io.dagline.gateway;

import io.dagline.gateway.api.ErrorResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives Micronaut's own errors (no such route, wrong method or media type, body too large, internal
 * errors) the gateway's error shape, always as JSON: replacing this bean replaces Micronaut's default,
 * which answers HTML to browsers and a HATEOAS body otherwise.
 */
@Singleton
public class GatewayErrorResponseProcessor implements ErrorResponseProcessor<ErrorResponse> {

  @Override
  public MutableHttpResponse<ErrorResponse> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.status();
    ErrorResponse body = ErrorResponse.of(code(status), message(status, context));
    return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
  }

  static String code(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> ErrorCodes.BAD_REQUEST;
      case NOT_FOUND -> ErrorCodes.NOT_FOUND;
      case METHOD_NOT_ALLOWED -> ErrorCodes.METHOD_NOT_ALLOWED;
      case NOT_ACCEPTABLE -> ErrorCodes.NOT_ACCEPTABLE;
      case REQUEST_ENTITY_TOO_LARGE -> ErrorCodes.PAYLOAD_TOO_LARGE;
      case UNSUPPORTED_MEDIA_TYPE -> ErrorCodes.UNSUPPORTED_MEDIA_TYPE;
      case INTERNAL_SERVER_ERROR -> ErrorCodes.INTERNAL_ERROR;
      default -> status.name();
    };
  }

  private static String message(HttpStatus status, ErrorContext context) {
    HttpRequest<?> request = context.getRequest();
    String target = request.getMethodName() + " " + request.getPath();
    if (status.getCode() >= 500) {
      // Internal details stay in the log, not in the answer.
      return "the gateway failed to handle " + target;
    }
    if (status == HttpStatus.NOT_FOUND) {
      return "no resource at " + target;
    }
    String detail = context.getErrors().stream().findFirst().map(Error::getMessage).orElse(status.getReason());
    return detail + " (" + target + ")";
  }
}
