package io.dagline.executor;

import java.util.Map;

/** One attempt of a task, as a function sees it, and the executor that runs it. */
public record TaskInvocation(
    String jobId, String taskId, int attempt, Map<String, String> args, double executorSpeed, String executorId) {

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
}
