package io.dagline.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dagline.schemas.FunctionArgument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contract between executors and the gateway about a function's arguments: the declarations of the
 * built-in functions, and the check of a task's arguments against a declaration (the gateway runs it at
 * submission, so a wrong argument is a 400 instead of attempts that fail one after another).
 */
public final class FunctionArguments {

  public static final String STRING = "string";
  public static final String NUMBER = "number";
  public static final String INTEGER = "integer";
  public static final String JSON = "json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What the built-in functions take; every executor has them, so the gateway knows them without a heartbeat. */
  private static final Map<String, List<FunctionArgument>> BUILT_IN = Map.of(
      "noop", List.of(),
      "sleep", List.of(number("ms", false, 0.0, null)),
      "fail", List.of(number("probability", false, 0.0, 1.0), integer("failAttempts", false, 0.0, null),
          text("failOn", false), text("message", false)),
      "replay", List.of(number("runtimeSeconds", false, 0.0, null), number("scale", false, 0.0, null),
          json("argv", false)),
      "command", List.of(json("argv", true), json("env", false), text("cwd", false)),
      "http", List.of(text("url", true), number("requestTimeoutMs", false, 1.0, null)));

  private FunctionArguments() {}

  /** The declaration of a built-in function, or null for any other function. */
  public static List<FunctionArgument> builtIn(String function) {
    return BUILT_IN.get(function);
  }

  public static FunctionArgument text(String name, boolean required) {
    return new FunctionArgument(name, STRING, required, null, null);
  }

  public static FunctionArgument number(String name, boolean required, Double min, Double max) {
    return new FunctionArgument(name, NUMBER, required, min, max);
  }

  public static FunctionArgument integer(String name, boolean required, Double min, Double max) {
    return new FunctionArgument(name, INTEGER, required, min, max);
  }

  public static FunctionArgument json(String name, boolean required) {
    return new FunctionArgument(name, JSON, required, null, null);
  }

  /**
   * What is wrong with {@code args} under {@code declared}, one message per argument (empty: nothing).
   * Arguments the declaration does not name are let through: a function may read more than it declares.
   */
  public static List<String> problems(List<FunctionArgument> declared, Map<String, String> args) {
    List<String> problems = new ArrayList<>();
    for (FunctionArgument argument : declared) {
      String value = args.get(argument.getName());
      if (value == null) {
        if (argument.getRequired()) {
          problems.add("argument \"" + argument.getName() + "\" is required");
        }
        continue;
      }
      String problem = problem(argument, value);
      if (problem != null) {
        problems.add("argument \"" + argument.getName() + "\" " + problem);
      }
    }
    return problems;
  }

  private static String problem(FunctionArgument argument, String value) {
    switch (argument.getType()) {
      case NUMBER, INTEGER -> {
        double number;
        try {
          number = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
          return "must be a number, not " + shown(value);
        }
        if (!Double.isFinite(number)) {
          return "must be a finite number, not " + shown(value);
        }
        if (argument.getType().equals(INTEGER) && number != Math.rint(number)) {
          return "must be a whole number, not " + shown(value);
        }
        if (argument.getMin() != null && number < argument.getMin()) {
          return "is " + shown(value) + ", below its minimum " + plain(argument.getMin());
        }
        if (argument.getMax() != null && number > argument.getMax()) {
          return "is " + shown(value) + ", above its maximum " + plain(argument.getMax());
        }
        return null;
      }
      case JSON -> {
        try {
          JsonNode node = MAPPER.readTree(value);
          return node != null && (node.isArray() || node.isObject()) ? null : "must be a JSON array or object";
        } catch (JsonProcessingException e) {
          return "must be a JSON array or object, not " + shown(value);
        }
      }
      default -> {
        return null;
      }
    }
  }

  private static String shown(String value) {
    return '"' + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + '"';
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
