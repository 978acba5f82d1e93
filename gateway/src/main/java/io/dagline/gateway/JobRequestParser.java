package io.dagline.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.dagline.core.model.DataRef;
import io.dagline.core.model.JobSpec;
import io.dagline.core.model.Resources;
import io.dagline.core.model.TaskSpec;
import io.dagline.schemas.FailurePolicy;
import io.dagline.schemas.RetryPolicy;
import io.micronaut.http.HttpStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON body of {@code POST /v1/jobs} into a {@link JobSpec}, checking only types and shape.
 *
 * <p>The body is read as a tree rather than bound to classes so that every type error names its JSON
 * path ({@code tasks[3].dependencies}). Whether the job makes sense (ids, dependencies, cycles, limits) is
 * the core validator's business, not this class's. Unknown fields are rejected: a misspelt
 * {@code "dependecies"} silently ignored would run the tasks in the wrong order.
 */
public final class JobRequestParser {

  private static final Set<String> JOB_FIELDS = Set.of("id", "name", "pool", "tasks", "retry", "onTaskFailure",
      "executorWaitLimitMs");
  private static final Set<String> TASK_FIELDS = Set.of("id", "function", "args", "dependencies", "resources",
      "runtimeEstimateMs", "timeoutMs", "maxAttempts", "inputs", "pool", "site", "retry");
  private static final Set<String> RETRY_FIELDS = Set.of("initialIntervalMs", "backoffCoefficient", "maxIntervalMs");
  private static final Set<String> RESOURCE_FIELDS = Set.of("cpu", "memoryMb");
  private static final Set<String> INPUT_FIELDS = Set.of("uri", "sizeBytes", "site", "immovable");

  private final JsonMapper mapper = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
      .build();
  private final long maxBodyBytes;

  public JobRequestParser(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Returns the job as submitted (its id may be null); throws {@link ApiException} for a malformed body. */
  public JobSpec parse(byte[] body) {
    return read(body).spec();
  }

  /** The job with its lifecycle settings; throws {@link ApiException} for a malformed body. */
  public JobRequest read(byte[] body) {
    if (body != null && body.length > maxBodyBytes) {
      throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ErrorCodes.PAYLOAD_TOO_LARGE,
          "request body has " + body.length + " bytes; the limit is " + maxBodyBytes);
    }
    JsonNode root = readTree(body);
    requireObject(root, "request body", JOB_FIELDS);
    String id = optionalString(root, "id", "id");
    String name = optionalString(root, "name", "name");
    String pool = optionalString(root, "pool", "pool");
    RetryPolicy retry = retry(present(root, "retry"), "retry");
    FailurePolicy onTaskFailure = failurePolicy(optionalString(root, "onTaskFailure", "onTaskFailure"));
    List<TaskSpec> tasks = new ArrayList<>();
    List<RetryPolicy> taskRetries = new ArrayList<>();
    JsonNode tasksNode = present(root, "tasks");
    if (tasksNode != null) {
      requireArray(tasksNode, "tasks");
      for (int i = 0; i < tasksNode.size(); i++) {
        String path = "tasks[" + i + "]";
        tasks.add(task(tasksNode.get(i), path));
        taskRetries.add(retry(present(tasksNode.get(i), "retry"), path + ".retry"));
      }
    }
    Long executorWaitLimitMs = optionalLong(root, "executorWaitLimitMs", "executorWaitLimitMs");
    if (executorWaitLimitMs != null && executorWaitLimitMs < 1) {
      throw ApiException.invalidField("executorWaitLimitMs", "must be at least 1");
    }
    return new JobRequest(new JobSpec(id, name, pool, tasks), retry, onTaskFailure, taskRetries, executorWaitLimitMs);
  }

  private static RetryPolicy retry(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    requireObject(node, path, RETRY_FIELDS);
    JsonNode coefficient = present(node, "backoffCoefficient");
    if (coefficient != null && !coefficient.isNumber()) {
      throw ApiException.invalidField(path + ".backoffCoefficient", "must be a number, not " + describe(coefficient));
    }
    return new RetryPolicy(
        optionalLong(node, "initialIntervalMs", path + ".initialIntervalMs"),
        coefficient == null ? null : coefficient.doubleValue(),
        optionalLong(node, "maxIntervalMs", path + ".maxIntervalMs"));
  }

  private static FailurePolicy failurePolicy(String value) {
    if (value == null) {
      return null;
    }
    for (FailurePolicy policy : FailurePolicy.values()) {
      if (policy.name().equals(value)) {
        return policy;
      }
    }
    throw ApiException.invalidField("onTaskFailure", "must be one of " + java.util.Arrays.toString(FailurePolicy.values())
        + ", not \"" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "\"");
  }

  private JsonNode readTree(byte[] body) {
    if (body == null || body.length == 0) {
      throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_JSON, "request body is empty; expected a JSON object");
    }
    try {
      JsonNode root = mapper.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_JSON, "request body is empty; expected a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_JSON,
          "request body is not valid JSON: " + withoutSource(e.getOriginalMessage()) + location(e), null, e);
    } catch (IOException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_JSON,
          "request body cannot be read as JSON: " + e.getMessage(), null, e);
    }
  }

  /** Jackson names the (redacted) source inside its messages; it says nothing to the client. */
  private static String withoutSource(String message) {
    return message == null ? "" : message.replaceAll("\\[Source: [^;]*; ", "[");
  }

  private static String location(JsonProcessingException e) {
    var where = e.getLocation();
    return where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
  }

  private static TaskSpec task(JsonNode node, String path) {
    requireObject(node, path, TASK_FIELDS);
    return new TaskSpec(
        optionalString(node, "id", path + ".id"),
        optionalString(node, "function", path + ".function"),
        args(present(node, "args"), path + ".args"),
        stringList(present(node, "dependencies"), path + ".dependencies"),
        resources(present(node, "resources"), path + ".resources"),
        optionalLong(node, "runtimeEstimateMs", path + ".runtimeEstimateMs"),
        optionalLong(node, "timeoutMs", path + ".timeoutMs"),
        optionalInt(node, "maxAttempts", path + ".maxAttempts"),
        inputs(present(node, "inputs"), path + ".inputs"),
        optionalString(node, "pool", path + ".pool"),
        optionalString(node, "site", path + ".site"));
  }

  private static Map<String, String> args(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    requireType(node, JsonNodeType.OBJECT, path, "must be an object of string values");
    Map<String, String> args = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode value = entry.getValue();
      if (value.isArray() || value.isObject()) {
        // e.g. a command's argv: functions receive arrays and objects as their JSON text
        args.put(entry.getKey(), value.toString());
        continue;
      }
      requireType(value, JsonNodeType.STRING, path + "." + entry.getKey(),
          "must be a string (or an array or object, passed on as JSON text)");
      args.put(entry.getKey(), value.textValue());
    }
    return args;
  }

  private static List<String> stringList(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    requireType(node, JsonNodeType.ARRAY, path, "must be an array of strings");
    List<String> values = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      requireType(node.get(i), JsonNodeType.STRING, path + "[" + i + "]", "must be a string");
      values.add(node.get(i).textValue());
    }
    return values;
  }

  private static Resources resources(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    requireObject(node, path, RESOURCE_FIELDS);
    JsonNode cpu = present(node, "cpu");
    if (cpu != null && !cpu.isNumber()) {
      throw ApiException.invalidField(path + ".cpu", "must be a number");
    }
    Long memoryMb = optionalLong(node, "memoryMb", path + ".memoryMb");
    return new Resources(
        cpu == null ? Resources.DEFAULT.cpu() : cpu.doubleValue(),
        memoryMb == null ? Resources.DEFAULT.memoryMb() : memoryMb);
  }

  private static List<DataRef> inputs(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    requireType(node, JsonNodeType.ARRAY, path, "must be an array of objects");
    List<DataRef> inputs = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      String inputPath = path + "[" + i + "]";
      JsonNode input = node.get(i);
      requireObject(input, inputPath, INPUT_FIELDS);
      String uri = optionalString(input, "uri", inputPath + ".uri");
      if (uri == null || uri.isBlank()) {
        throw ApiException.invalidField(inputPath + ".uri", "is required");
      }
      Long size = optionalLong(input, "sizeBytes", inputPath + ".sizeBytes");
      if (size != null && size < 0) {
        throw ApiException.invalidField(inputPath + ".sizeBytes", "must not be negative");
      }
      JsonNode immovable = present(input, "immovable");
      if (immovable != null && !immovable.isBoolean()) {
        throw ApiException.invalidField(inputPath + ".immovable", "must be a boolean");
      }
      inputs.add(new DataRef(uri, size == null ? 0 : size, optionalString(input, "site", inputPath + ".site"),
          immovable != null && immovable.booleanValue()));
    }
    return inputs;
  }

  /** The field's value, or null when it is absent or JSON null (both mean "not given"). */
  private static JsonNode present(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? null : value;
  }

  private static String optionalString(JsonNode object, String field, String path) {
    JsonNode value = present(object, field);
    if (value == null) {
      return null;
    }
    requireType(value, JsonNodeType.STRING, path, "must be a string");
    return value.textValue();
  }

  private static Long optionalLong(JsonNode object, String field, String path) {
    JsonNode value = present(object, field);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw ApiException.invalidField(path, "must be an integer");
    }
    return value.longValue();
  }

  private static Integer optionalInt(JsonNode object, String field, String path) {
    JsonNode value = present(object, field);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw ApiException.invalidField(path, "must be an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
    }
    return value.intValue();
  }

  private static void requireObject(JsonNode node, String path, Set<String> allowedFields) {
    requireType(node, JsonNodeType.OBJECT, path, "must be an object");
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowedFields.contains(name)) {
        String field = path.equals("request body") ? name : path + "." + name;
        throw ApiException.invalidField(field, "is not a known field; expected one of " + allowedFields.stream().sorted().toList());
      }
    }
  }

  private static void requireArray(JsonNode node, String path) {
    requireType(node, JsonNodeType.ARRAY, path, "must be an array");
  }

  private static void requireType(JsonNode node, JsonNodeType type, String path, String expectation) {
    if (node == null || node.getNodeType() != type) {
      throw ApiException.invalidField(path, expectation + ", not " + describe(node));
    }
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> node.getNodeType().name().toLowerCase();
    };
  }
}
