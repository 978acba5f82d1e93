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

  /**
   * A task of no work: {@code noop}, or, {@code withResult}, {@code fail} told to fail no attempt, which
   * returns a short result ("succeeded at attempt 1") that its successors receive as an input.
   */
  static Map<String, Object> emptyTask(String id, boolean withResult) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", id);
    task.put("function", withResult ? "fail" : "noop");
    if (withResult) {
      task.put("args", Map.of("failAttempts", "0"));
    }
    return task;
  }

  /** {@code width} independent no-op tasks: the scheduler, not the work, is measured. */
  static Map<String, Object> independentNoops(String jobId, int width) {
    return independent(jobId, width, false);
  }

  /** {@code width} independent tasks of no work, each with a result when {@code withResults}. */
  static Map<String, Object> independent(String jobId, int width, boolean withResults) {
    List<Map<String, Object>> tasks = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      tasks.add(emptyTask("t" + i, withResults));
    }
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", jobId);
    job.put("tasks", tasks);
    return job;
  }

  /** {@code chains} independent chains of {@code length} no-op tasks each: task c{k}-t{i} depends on c{k}-t{i-1}. */
  static Map<String, Object> chains(String jobId, int chains, int length) {
    return chains(jobId, chains, length, false);
  }

  /** Chains of tasks of no work, each passing a result to the next when {@code withResults}. */
  static Map<String, Object> chains(String jobId, int chains, int length, boolean withResults) {
    List<Map<String, Object>> tasks = new ArrayList<>(chains * length);
    for (int c = 0; c < chains; c++) {
      for (int i = 0; i < length; i++) {
        Map<String, Object> task = emptyTask(chainTaskId(c, i), withResults);
        if (i > 0) {
          task.put("dependencies", List.of(chainTaskId(c, i - 1)));
        }
        tasks.add(task);
      }
    }
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", jobId);
    job.put("tasks", tasks);
    return job;
  }

  static String chainTaskId(int chain, int step) {
    return "c" + chain + "-t" + step;
  }

  /**
   * A large layered DAG (the shape of the Gatling LargeDagSimulation): {@code depth} layers, task i of a layer
   * depends on tasks i-1, i, i+1 of the layer before. The first layer sleeps {@code rootSleepMs}, so the whole
   * DAG stays in flight while it is measured; the rest are no-ops. Built as text: 100,000 tasks are about 6 MB.
   */
  static String layeredJson(String jobId, int tasks, int depth, long rootSleepMs) {
    int width = tasks / depth;
    StringBuilder json = new StringBuilder(tasks * 64);
    json.append("{\"id\":\"").append(jobId).append("\",\"tasks\":[");
    for (int i = 0; i < tasks; i++) {
      int layer = i / width;
      int position = i % width;
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"id\":\"t").append(i).append('"');
      if (layer == 0) {
        json.append(",\"function\":\"sleep\",\"args\":{\"ms\":\"").append(rootSleepMs).append("\"}");
      } else {
        json.append(",\"function\":\"noop\",\"dependencies\":[");
        int previousLayerStart = (layer - 1) * width;
        boolean first = true;
        for (int d = Math.max(0, position - 1); d <= Math.min(width - 1, position + 1); d++) {
          json.append(first ? "" : ",").append("\"t").append(previousLayerStart + d).append('"');
          first = false;
        }
        json.append(']');
      }
      json.append('}');
    }
    return json.append("]}").toString();
  }

  void submit(Map<String, Object> job) {
    try {
      submit(JSON.writeValueAsString(job));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Posts the job; returns once the gateway has answered 202. */
  void submit(String jobJson) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve("/v1/jobs"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(jobJson)).build(),
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

  /** {@code DELETE /v1/jobs/{id}}: cancels the job (its running attempts are interrupted). */
  void cancel(String jobId) {
    try {
      http.send(HttpRequest.newBuilder(gateway.resolve("/v1/jobs/" + jobId)).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
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
