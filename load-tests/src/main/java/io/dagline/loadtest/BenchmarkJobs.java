package io.dagline.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Posts benchmark jobs to the gateway and waits for them, as a client would. */
final class BenchmarkJobs {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI gateway;

  BenchmarkJobs(URI gateway) {
    this.gateway = gateway;
  }

  /** {@code width} independent no-op tasks: the scheduler, not the work, is measured. */
  static Map<String, Object> independentNoops(String jobId, int width) {
    List<Map<String, Object>> tasks = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      tasks.add(Map.of("id", "t" + i, "function", "noop"));
    }
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", jobId);
    job.put("tasks", tasks);
    return job;
  }

  void submit(Map<String, Object> job) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve("/v1/jobs"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(job))).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 202) {
        throw new IllegalStateException("job not accepted: " + response.statusCode() + " " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode status(String jobId) {
    return get("/v1/jobs/" + jobId);
  }

  JsonNode tasks(String jobId) {
    return get("/v1/jobs/" + jobId + "/tasks");
  }

  /** Polls until the job is SUCCEEDED; fails on any other final state or after the timeout. */
  JsonNode awaitSucceeded(String jobId, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JsonNode status = status(jobId);
      String state = status == null ? "" : status.path("state").asText();
      if (state.equals("SUCCEEDED")) {
        return status;
      }
      if (state.equals("FAILED") || state.equals("REJECTED") || state.equals("CANCELLED")) {
        throw new IllegalStateException("job " + jobId + " ended " + state + ": " + status);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("job " + jobId + " did not finish within " + timeout + ": " + status(jobId));
  }

  int succeeded(String jobId) {
    JsonNode status = status(jobId);
    return status == null ? 0 : status.path("counts").path("succeeded").asInt();
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve(path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static long millisBetween(JsonNode status, String from, String to) {
    return Duration.between(Instant.parse(status.get(from).asText()), Instant.parse(status.get(to).asText())).toMillis();
  }
}
