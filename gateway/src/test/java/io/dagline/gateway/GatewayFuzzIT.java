package io.dagline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagline.testkit.KafkaTestCluster;
import io.dagline.topics.DaglineTopics;
import io.dagline.topics.TopicCreator;
import io.dagline.topics.TopicLayout;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Posts thousands of generated invalid jobs and malformed requests (seeded, so a failure replays):
 * every answer must be a 4xx JSON error naming a problem, never a 5xx, and nothing may reach Kafka.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayFuzzIT {

  private static final long SEED = Long.getLong("dagline.fuzz.seed", 20_260_101L);
  private static final int CASES = Integer.getInteger("dagline.fuzz.cases", 2_000);
  private static final int MAX_TASKS = 40;
  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private KafkaTestCluster cluster;
  private GatewayServer gateway;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One way of spoiling a request; each answers the body and the content type to send. */
  private record Case(String name, String contentType, byte[] body) {}

  @BeforeAll
  void start() {
    cluster = KafkaTestCluster.singleNode();
    try (Admin admin = cluster.admin()) {
      TopicCreator.createMissing(admin, DaglineTopics.newTopics(TopicLayout.singleBroker(2), List.of("default")));
    }
    gateway = GatewayServer.start(Map.of(
        "dagline.kafka.bootstrap-servers", cluster.bootstrapServers(),
        "micronaut.server.port", 0,
        "dagline.gateway.max-body-bytes", MAX_BODY_BYTES,
        "dagline.gateway.limits.max-tasks", MAX_TASKS));
    // Ready means the publisher has written its schemas: what the requests write is counted from here.
    gateway.awaitReady(Duration.ofMinutes(1));
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldAnswerEveryInvalidRequestWith4xxAndAMessageAndPublishNothing() throws Exception {
    Map<String, Long> before = recordsInEveryTopic();
    Random random = new Random(SEED);
    List<Function<Random, Case>> spoilers = spoilers();
    Map<String, Integer> byStatus = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      Case c = spoilers.get(random.nextInt(spoilers.size())).apply(random);
      HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri().resolve("/v1/jobs"))
          .timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
      if (c.contentType() != null) {
        request.header("Content-Type", c.contentType());
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      byStatus.merge(response.statusCode() + " " + c.name(), 1, Integer::sum);
      String problem = problemWith(response);
      if (problem != null && failures.size() < 20) {
        failures.add("case " + i + " (" + c.name() + "): " + problem + "; body sent: "
            + abbreviate(new String(c.body(), StandardCharsets.UTF_8)));
      }
    }

    System.out.println("fuzz (seed " + SEED + ", " + CASES + " cases), answers by status and case: " + byStatus);
    assertThat(failures).as("answers by status and case: %s", byStatus).isEmpty();
    assertThat(recordsInEveryTopic()).as("nothing reaches Kafka").isEqualTo(before);
  }

  /** The read endpoints with random query values and path segments: 4xx with a JSON error or 200, never 5xx. */
  @Test
  void shouldNeverFailOnRandomQueriesOfTheReadEndpoints() throws Exception {
    Random random = new Random(SEED + 1);
    String[] paths = {"/v1/jobs", "/v1/jobs/%s", "/v1/jobs/%s/tasks", "/v1/jobs/%s/tasks/%s", "/v1/pools",
        "/v1/sites", "/v1/executors"};
    String[] parameters = {"state", "pool", "since", "until", "limit", "cursor", "format"};
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < CASES / 4; i++) {
      String path = paths[random.nextInt(paths.length)].replace("%s", segment(random));
      StringBuilder query = new StringBuilder();
      for (int p = random.nextInt(4); p > 0; p--) {
        query.append(query.length() == 0 ? '?' : '&').append(parameters[random.nextInt(parameters.length)])
            .append('=').append(java.net.URLEncoder.encode(value(random), StandardCharsets.UTF_8));
      }
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.uri().resolve(path + query))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      String problem = response.statusCode() == 200 ? null : problemWith(response);
      if (problem != null && failures.size() < 20) {
        failures.add("GET " + path + query + ": " + problem);
      }
    }
    assertThat(failures).isEmpty();
  }

  private static String segment(Random random) {
    String[] segments = {"x", "%2F", "..", "a%00b", "job-" + random.nextInt(), "%E2%82%AC", "~!$&'()*+,;=:@"};
    return segments[random.nextInt(segments.length)];
  }

  private static String value(Random random) {
    String[] values = {"", " ", "-1", "0", "1", "1001", "99999999999999999999", "RUNNING", "running", "nope",
        "2026-01-01T00:00:00Z", "2026-13-01", "+999999999-12-31T23:59:59.999999999Z", "ajE6eDp5", "dDE6",
        "\u0000", "%", "wfformat", "json"};
    if (random.nextInt(4) == 0) {
      byte[] bytes = new byte[1 + random.nextInt(40)];
      random.nextBytes(bytes);
      return java.util.Base64.getUrlEncoder().encodeToString(bytes);
    }
    return values[random.nextInt(values.length)];
  }

  private static String problemWith(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status < 400 || status > 499) {
      return "status " + status + ": " + abbreviate(response.body());
    }
    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      return "not JSON: " + response.headers().firstValue("Content-Type");
    }
    try {
      JsonNode error = JSON.readTree(response.body());
      if (error.path("error").asText().isBlank() || error.path("message").asText().isBlank()) {
        return "no error code or message: " + abbreviate(response.body());
      }
    } catch (Exception e) {
      return "unreadable answer: " + abbreviate(response.body());
    }
    return null;
  }

  private Map<String, Long> recordsInEveryTopic() throws Exception {
    try (Admin admin = cluster.admin()) {
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      for (NewTopic topic : DaglineTopics.newTopics(TopicLayout.singleBroker(2), List.of("default"))) {
        for (int p = 0; p < topic.numPartitions(); p++) {
          latest.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
        }
      }
      Map<String, Long> counts = new TreeMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> counts.merge(tp.topic(), info.offset(), Long::sum));
      return counts;
    }
  }

  // ---- generators -------------------------------------------------------------------------

  private static ObjectNode validJob(Random random, int taskCount) {
    ObjectNode job = NODES.objectNode();
    if (random.nextBoolean()) {
      job.put("id", "fuzz-" + Long.toHexString(random.nextLong()));
    }
    if (random.nextBoolean()) {
      job.put("name", "fuzzed");
    }
    ArrayNode tasks = job.putArray("tasks");
    String[] functions = {"noop", "sleep", "fail", "replay"};
    for (int i = 0; i < taskCount; i++) {
      ObjectNode task = tasks.addObject();
      task.put("id", "t" + i);
      task.put("function", functions[random.nextInt(functions.length)]);
      ArrayNode dependencies = task.putArray("dependencies");
      for (int d = 0; d < i; d++) {
        if (random.nextInt(4) == 0) {
          dependencies.add("t" + d);
        }
      }
      if (random.nextInt(3) == 0) {
        task.putObject("resources").put("cpu", 0.5 + random.nextInt(4)).put("memoryMb", 64L * random.nextInt(8));
      }
      if (random.nextInt(4) == 0) {
        task.put("maxAttempts", 1 + random.nextInt(5)).put("timeoutMs", 1_000 + random.nextInt(10_000));
      }
    }
    return job;
  }

  private static ObjectNode someTask(ObjectNode job, Random random) {
    ArrayNode tasks = (ArrayNode) job.get("tasks");
    return (ObjectNode) tasks.get(random.nextInt(tasks.size()));
  }

  private static Case json(String name, JsonNode body) {
    try {
      return new Case(name, "application/json", JSON.writeValueAsBytes(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Function<Random, Case>> spoilers() {
    List<Function<Random, Case>> spoilers = new ArrayList<>();
    spoilers.add(r -> {
      byte[] valid = json("", validJob(r, 1 + r.nextInt(6))).body();
      return new Case("truncated JSON", "application/json", java.util.Arrays.copyOf(valid, 1 + r.nextInt(valid.length - 1)));
    });
    spoilers.add(r -> {
      byte[] valid = json("", validJob(r, 1 + r.nextInt(6))).body();
      byte[] body = r.nextBoolean() ? valid : java.util.Arrays.copyOf(valid, 1 + r.nextInt(valid.length - 1));
      return new Case("not WfFormat", "application/wfformat+json", body);
    });
    spoilers.add(r -> {
      byte[] garbage = new byte[1 + r.nextInt(200)];
      r.nextBytes(garbage);
      garbage[0] = (byte) "x[{\"!}\u0000".charAt(r.nextInt(7));
      return new Case("random bytes", "application/json", garbage);
    });
    spoilers.add(r -> {
      String[] roots = {"[]", "42", "\"job\"", "null", "true", "", "   ", "{\"tasks\": []} {}", "{\"id\": 1, \"id\": 2}"};
      return new Case("not a job object", "application/json", roots[r.nextInt(roots.length)].getBytes(StandardCharsets.UTF_8));
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1 + r.nextInt(5));
      ObjectNode task = someTask(job, r);
      switch (r.nextInt(12)) {
        case 0 -> job.put("tasks", "all of them");
        case 1 -> task.put("id", r.nextInt(100));
        case 2 -> task.put("dependencies", "t0");
        case 3 -> task.putObject("args").put("ms", 250);
        case 4 -> task.putObject("resources").put("cpu", "lots");
        case 5 -> task.put("maxAttempts", 1.5);
        case 6 -> task.put("timeoutMs", "soon");
        case 7 -> job.putArray("retry");
        case 8 -> job.put("onTaskFailure", 3);
        case 9 -> task.putArray("inputs").addObject().put("sizeBytes", 5);
        case 10 -> job.put("name", 17);
        default -> task.putObject("retry").put("backoffCoefficient", "double");
      }
      return json("wrong type", job);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1);
      job.putArray("tasks");
      return json("empty job", job);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 2 + r.nextInt(6));
      ArrayNode tasks = (ArrayNode) job.get("tasks");
      ((ObjectNode) tasks.get(tasks.size() - 1)).put("id", "t" + r.nextInt(tasks.size() - 1));
      return json("duplicate task ids", job);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1 + r.nextInt(6));
      ((ArrayNode) someTask(job, r).get("dependencies")).add("ghost-" + r.nextInt(9));
      return json("unknown dependency", job);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1 + r.nextInt(6));
      ObjectNode task = someTask(job, r);
      ((ArrayNode) task.get("dependencies")).add(task.get("id").asText());
      return json("self dependency", job);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 2 + r.nextInt(8));
      ArrayNode tasks = (ArrayNode) job.get("tasks");
      // Chain every task to the one before, then close the chain.
      for (int i = 1; i < tasks.size(); i++) {
        ((ObjectNode) tasks.get(i)).putArray("dependencies").add("t" + (i - 1));
      }
      ((ObjectNode) tasks.get(0)).putArray("dependencies").add("t" + (tasks.size() - 1));
      return json("cycle", job);
    });
    spoilers.add(r -> json("too many tasks", validJob(r, MAX_TASKS + 1 + r.nextInt(20))));
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1);
      job.put("name", "x".repeat(MAX_BODY_BYTES + r.nextInt(MAX_BODY_BYTES)));
      return json("payload too large", job);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1 + r.nextInt(5));
      someTask(job, r).put("function", new String[] {"rm-rf", "NOOP", "spark-submit", "sleep ", ""}[r.nextInt(5)]);
      return json("unknown function", job);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1 + r.nextInt(5));
      ObjectNode resources = someTask(job, r).putObject("resources");
      switch (r.nextInt(4)) {
        case 0 -> resources.put("cpu", -1 - r.nextInt(8));
        case 1 -> resources.put("cpu", 1e9);
        case 2 -> resources.put("memoryMb", -1 - r.nextInt(1024));
        default -> resources.put("memoryMb", Long.MAX_VALUE);
      }
      return json("negative or absurd resources", job);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1 + r.nextInt(5));
      if (r.nextBoolean()) {
        job.put("pool", "gold");
      } else {
        someTask(job, r).put("pool", "pool-" + r.nextInt(50));
      }
      return json("unknown pool", job);
    });
    spoilers.add(r -> {
      byte[] valid = json("", validJob(r, 1 + r.nextInt(3))).body();
      String[] types = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "text/csv",
          "application/octet-stream", "multipart/form-data; boundary=x"};
      return new Case("unsupported format", types[r.nextInt(types.length)], valid);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1 + r.nextInt(5));
      if (r.nextBoolean()) {
        ArrayNode deps = (ArrayNode) someTask(job, r).remove("dependencies");
        someTask(job, r).set("dependecies", deps == null ? NODES.arrayNode() : deps);
      } else {
        job.put("priority", "high");
      }
      return json("unknown field", job);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1 + r.nextInt(5));
      if (r.nextBoolean()) {
        job.put("id", new String[] {"a/b", "", "x".repeat(300), "sp ace", "é"}[r.nextInt(5)]);
      } else {
        someTask(job, r).put("id", new String[] {"a/b", "", "tab\t", "?"}[r.nextInt(4)]);
      }
      return json("invalid id", job);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1 + r.nextInt(5));
      ObjectNode task = someTask(job, r);
      switch (r.nextInt(4)) {
        case 0 -> task.put("maxAttempts", r.nextBoolean() ? 0 : 1_000);
        case 1 -> task.put("timeoutMs", -r.nextInt(1_000));
        case 2 -> task.put("runtimeEstimateMs", -1 - r.nextInt(1_000));
        default -> task.remove("function");
      }
      return json("invalid attempt settings", job);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1 + r.nextInt(5));
      ObjectNode retry = r.nextBoolean() ? job.putObject("retry") : someTask(job, r).putObject("retry");
      switch (r.nextInt(4)) {
        case 0 -> retry.put("initialIntervalMs", -1 - r.nextInt(100));
        case 1 -> retry.put("backoffCoefficient", r.nextDouble() * 0.99);
        case 2 -> retry.put("maxIntervalMs", 365L * 24 * 60 * 60 * 1000);
        default -> retry.put("jitter", 0.5);
      }
      return json("invalid retry", job);
    });
    spoilers.add(r -> {
      ObjectNode job = validJob(r, 1 + r.nextInt(5));
      job.put("onTaskFailure", new String[] {"skip", "FAIL", "", "IGNORE"}[r.nextInt(4)]);
      return json("invalid failure policy", job);
    });
    return spoilers;
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
