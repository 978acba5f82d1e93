package io.dagline.executor;

import java.util.Map;

/**
 * One attempt of a task, as a function sees it: its arguments, what each of its dependencies produced
 * ({@code inputs}, by dependency id; dependencies that produced nothing are absent), and the executor
 * that runs it.
 */
public record TaskInvocation(String jobId, String taskId, int attempt, Map<String, String> args,
    Map<String, FunctionResult> inputs, double executorSpeed, String executorId) {

  public TaskInvocation {
    args = Map.copyOf(args);
    inputs = Map.copyOf(inputs);
  }

  public TaskInvocation(String jobId, String taskId, int attempt, Map<String, String> args, double executorSpeed,
      String executorId) {
    this(jobId, taskId, attempt, args, Map.of(), executorSpeed, executorId);
  }

  public TaskInvocation(String jobId, String taskId, int attempt, Map<String, String> args, double executorSpeed) {
    this(jobId, taskId, attempt, args, executorSpeed, "unknown");
  }

  public String arg(String name, String fallback) {
    String value = args.get(name);
    return value == null ? fallback : value;
  }

  public double doubleArg(String name, double fallback) {
    String value = args.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("argument \"" + name + "\" is not a number: " + value);
    }
  }

  /** The inline value dependency {@code dependencyId} produced, or null (none, a reference, or no such dependency). */
  public String input(String dependencyId) {
    FunctionResult input = inputs.get(dependencyId);
    return input == null ? null : input.value();
  }
}
