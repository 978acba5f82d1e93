package io.dagline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Consumer;

/** The gateway's HTTP API as the CLI uses it: JSON in, JSON out, errors as exceptions. */
public final class GatewayClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;

  public GatewayClient(URI base, String token) {
    this.base = base;
    this.token = token == null || token.isBlank() ? null : token;
  }

  /**
   * POST /v1/jobs under one {@code Idempotency-Key}, sent again while the gateway answers 503 (Kafka did
   * not acknowledge the job in time) until {@code retryFor} has passed: the gateway's answer ({@code
   * jobId}, {@code state}, {@code links}). The key makes every repeat name the job the first POST named.
   *
   * @param onRetry told each 503 that is followed by another POST
   */
  public JsonNode submit(byte[] body, JobFileFormat format, Duration retryFor, Consumer<GatewayException> onRetry)
      throws InterruptedException {
    HttpRequest.Builder post = request("/v1/jobs").header("Content-Type", format.contentType())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    long giveUpAt = System.nanoTime() + retryFor.toNanos();
    while (true) {
      try {
        return send(post);
      } catch (GatewayException e) {
        if (e.status() != 503 || System.nanoTime() + RETRY_PAUSE.toNanos() > giveUpAt) {
          throw e;
        }
        onRetry.accept(e);
        Thread.sleep(RETRY_PAUSE.toMillis());
      }
    }
  }

  public JsonNode job(String jobId) {
    return send(request("/v1/jobs/" + encode(jobId)).GET());
  }

  /** GET /v1/jobs/{id}/tasks/{taskId}: the task with its attempts and result. */
  public JsonNode task(String jobId, String taskId) {
    return send(request("/v1/jobs/" + encode(jobId) + "/tasks/" + encode(taskId)).GET());
  }

  /** DELETE /v1/jobs/{id}: the job's status; {@link Cancellation#requested()} is false if it had already finished. */
  public Cancellation cancel(String jobId) {
    HttpResponse<String> response = exchange(request("/v1/jobs/" + encode(jobId)).DELETE());
    return new Cancellation(response.statusCode() == 202, parse(response));
  }

  /** GET /v1/jobs: a page of jobs ({@code jobs}, {@code nextCursor}); null arguments are left out. */
  public JsonNode jobs(String state, Integer limit, String cursor) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    if (state != null) {
      query.add("state=" + encode(state));
    }
    if (limit != null) {
      query.add("limit=" + limit);
    }
    if (cursor != null) {
      query.add("cursor=" + encode(cursor));
    }
    return send(request("/v1/jobs" + query).GET());
  }

  public record Cancellation(boolean requested, JsonNode status) {}

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private JsonNode send(HttpRequest.Builder request) {
    return parse(exchange(request));
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new GatewayUnreachableException("no answer from the gateway at " + base + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayUnreachableException("interrupted while waiting for the gateway at " + base, e);
    }
    if (response.statusCode() >= 300) {
      throw error(response);
    }
    return response;
  }

  private static JsonNode parse(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new GatewayException(response.statusCode(), "NOT_JSON", "the gateway's answer is not JSON: "
          + abbreviate(response.body()), List.of());
    }
  }

  private static GatewayException error(HttpResponse<String> response) {
    int status = response.statusCode();
    String fallback = "HTTP " + status + (response.body() == null || response.body().isBlank() ? ""
        : ": " + abbreviate(response.body()));
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      return new GatewayException(status, null, fallback, List.of());
    }
    List<String> problems = new ArrayList<>();
    for (JsonNode problem : body.path("problems")) {
      problems.add(problem.isTextual() ? problem.asText() : problemText(problem));
    }
    String message = body.path("message").asText(null);
    return new GatewayException(status, body.path("error").asText(null), message == null ? fallback : message, problems);
  }

  /** A problem object as one line: its message, which names the task. */
  private static String problemText(JsonNode problem) {
    return problem.path("message").isTextual() ? problem.path("message").asText() : problem.toString();
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
