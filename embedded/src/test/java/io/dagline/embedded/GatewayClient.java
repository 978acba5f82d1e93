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

/** A small HTTP client for the gateway, as a user's script would be (shared with other modules' tests through the test jar). */
public final class GatewayClient {

  public record Response(int status, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  public GatewayClient(URI base) {
    this.base = base;
  }

  public Response postJob(Object job) {
    try {
      return send(HttpRequest.newBuilder(base.resolve("/v1/jobs"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(job))).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE().build());
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
}
