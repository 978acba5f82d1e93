package io.dagline.gateway.auth;

import io.dagline.gateway.ErrorCodes;
import io.dagline.gateway.api.ErrorResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Requires {@code Authorization: Bearer <token>} on the API ({@code /v1/**}) when authentication is on,
 * and puts the token's tenant on the request ({@link #TENANT}). Health, metrics, the OpenAPI document
 * and static files are outside {@code /v1} and stay open.
 */
@ServerFilter("/v1/**")
public class ApiTokenFilter {

  /** The request attribute holding the caller's tenant; absent when authentication is off. */
  public static final String TENANT = "dagline.tenant";
  private static final String BEARER = "Bearer ";
  /**
   * The token as a query parameter, only on a GET of the two event-stream routes: a browser's EventSource
   * cannot send headers. URLs end up in access logs, so clients that can send the header should.
   */
  public static final String ACCESS_TOKEN = "access_token";
  /** {@code GET /v1/events} and {@code GET /v1/jobs/{id}/events}, matched as routes (one path segment for the id). */
  private static final Pattern EVENT_STREAM = Pattern.compile("/v1/events|/v1/jobs/[^/]+/events");

  private final AuthSettings settings;

  public ApiTokenFilter(AuthSettings settings) {
    this.settings = settings;
  }

  @RequestFilter
  @Nullable
  public HttpResponse<ErrorResponse> authenticate(HttpRequest<?> request) {
    if (!settings.enabled()) {
      return null;
    }
    String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    String queryToken = isEventStream(request) ? request.getParameters().get(ACCESS_TOKEN) : null;
    Optional<String> tenant = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? settings.tokens().tenantOf(header.substring(BEARER.length()).trim())
        : header == null && queryToken != null ? settings.tokens().tenantOf(queryToken) : Optional.empty();
    if (tenant.isEmpty()) {
      return HttpResponse.<ErrorResponse>unauthorized()
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dagline\"")
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(ErrorResponse.of(ErrorCodes.UNAUTHORIZED, header == null && queryToken == null
              ? "an API token is required: send Authorization: Bearer <token>"
              : "the API token is not valid"));
    }
    request.setAttribute(TENANT, tenant.get());
    return null;
  }

  static boolean isEventStream(HttpRequest<?> request) {
    return request.getMethod() == HttpMethod.GET && EVENT_STREAM.matcher(request.getPath()).matches();
  }

  /** The caller's tenant, or null when authentication is off. */
  @Nullable
  public static String tenantOf(HttpRequest<?> request) {
    return request.getAttribute(TENANT, String.class).orElse(null);
  }
}
