package io.dagline.executor.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dagline.executor.FunctionResult;
import io.dagline.executor.FunctionSettings;
import io.dagline.executor.PermanentFailureException;
import io.dagline.executor.TaskFunction;
import io.dagline.executor.TaskInvocation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Calls a function over HTTP, the serverless way: POSTs the task (job, task and attempt ids, its
 * {@code args} and its {@code inputs}) as JSON to {@code url} and takes the response body as the
 * result. A 2xx answer succeeds; a 4xx fails the task without retry (the request itself is wrong); a
 * 5xx, a connection error or no answer within {@code requestTimeoutMs} (default 30 s) fails the
 * attempt, and the task's retry policy decides what follows. The task's own timeout interrupts the
 * call like any attempt.
 *
 * <p>Off unless allowed: {@code url} must lie under one of the executor's allowed base URLs
 * ({@code DAGLINE_HTTP_ALLOWED}): same scheme, host and port, and a path under the base's path.
 */
public final class HttpCall implements TaskFunction {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ERROR_BODY_CHARS = 1_000;

  private final List<URI> allowed;
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NEVER) // a redirect could leave the allowed base URLs
      .build();

  public HttpCall(List<URI> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public FunctionResult run(TaskInvocation invocation) throws Exception {
    String url = invocation.args().get("url");
    if (url == null || url.isBlank()) {
      throw new PermanentFailureException("argument \"url\" is required");
    }
    URI target = URI.create(url.trim()).normalize();
    if (allowed.stream().noneMatch(base -> isUnder(target, base))) {
      throw new IllegalStateException("URL " + target + " is not allowed on this executor: "
          + (allowed.isEmpty() ? "http tasks are off; " : "allowed base URLs are " + allowed + "; ")
          + "set " + FunctionSettings.HTTP_ALLOWED + " to allow it");
    }
    long requestTimeoutMs = Math.round(invocation.doubleArg("requestTimeoutMs", 30_000));
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(Duration.ofMillis(requestTimeoutMs))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/plain, */*")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body(invocation))))
        .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return FunctionResult.of(response.body());
    }
    String problem = "HTTP " + status + " from " + target + describe(response.body());
    if (status >= 400 && status < 500) {
      throw new PermanentFailureException(problem);
    }
    throw new IllegalStateException(problem);
  }

  private static Map<String, Object> body(TaskInvocation invocation) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jobId", invocation.jobId());
    body.put("taskId", invocation.taskId());
    body.put("attempt", invocation.attempt());
    Map<String, String> args = new LinkedHashMap<>(invocation.args());
    args.remove("url");
    args.remove("requestTimeoutMs");
    body.put("args", args);
    body.put("inputs", Inputs.asJson(invocation.inputs()));
    return body;
  }

  static boolean isUnder(URI target, URI base) {
    if (target.getScheme() == null || base.getScheme() == null || target.getHost() == null
        || !target.getScheme().equalsIgnoreCase(base.getScheme())
        || !target.getHost().toLowerCase(Locale.ROOT).equals(base.getHost().toLowerCase(Locale.ROOT))
        || port(target) != port(base) || target.getRawUserInfo() != null) {
      return false;
    }
    String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
    String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    if (path.contains("/../") || path.endsWith("/..")) {
      return false; // normalize() keeps a leading "..": never under anything
    }
    return path.equals(basePath) || path.startsWith(basePath.endsWith("/") ? basePath : basePath + "/");
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static String describe(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String trimmed = body.strip();
    return ": " + (trimmed.length() > ERROR_BODY_CHARS ? trimmed.substring(0, ERROR_BODY_CHARS) + "…" : trimmed);
  }
}
