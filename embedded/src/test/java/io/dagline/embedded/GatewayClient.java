package io.dagline.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A small HTTP client for the gateway, as a user's script would be (shared with other modules' tests through the test jar). */
public final class GatewayClient {

  public record Response(int status, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RETRY_503_FOR = Duration.ofMinutes(2);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  public GatewayClient(URI base) {
    this.base = base;
  }

  public Response postJob(Object job) {
    return send(jobPost(job).build());
  }

  /**
   * Submits the job as a careful client would: under an {@code Idempotency-Key}, POSTed again while the
   * gateway answers 503 (Kafka did not acknowledge in time, which a broker starved of CPU causes) for
   * up to {@link #RETRY_503_FOR}. The job must be accepted: 202, or 200 for a repeated POST that found
   * the job an earlier one had published.
   *
   * @throws AssertionError when it is not
   */
  public Response submit(Object job) {
    HttpRequest request = jobPost(job).header("Idempotency-Key", UUID.randomUUID().toString()).build();
    long giveUpAt = System.nanoTime() + RETRY_503_FOR.toNanos();
    Response response = send(request);
    boolean repeated = false;
    while (response.status() == 503 && System.nanoTime() < giveUpAt) {
      System.out.println("gateway answered 503 to a job's POST, posting it again: " + response.body());
      pause(Duration.ofSeconds(1));
      response = send(request);
      repeated = true;
    }
    if (response.status() != 202 && !(repeated && response.status() == 200)) {
      throw new AssertionError("job not accepted: HTTP " + response.status() + " " + response.body());
    }
    return response;
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE().build());
  }

  private HttpRequest.Builder jobPost(Object job) {
    try {
      return HttpRequest.newBuilder(base.resolve("/v1/jobs"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(job)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Response(response.statusCode(), body == null || body.isBlank() ? null : JSON.readTree(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
