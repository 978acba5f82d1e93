package io.dagline.executor.functions;

import io.dagline.executor.TaskFunction;
import io.dagline.executor.TaskInvocation;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Fails on purpose, for tests. With {@code failAttempts: "N"} attempts 1 to N fail and later ones
 * succeed; otherwise it fails with probability {@code probability} (default 1), the draw seeded by
 * job, task and attempt so that a test fails the same attempts on every run. The error is
 * {@code message} (default "failed on purpose").
 */
public final class Fail implements TaskFunction {

  @Override
  public String name() {
    return "fail";
  }

  @Override
  public String run(TaskInvocation invocation) {
    String message = invocation.arg("message", "failed on purpose");
    if (invocation.args().containsKey("failAttempts")) {
      long failAttempts = Math.round(invocation.doubleArg("failAttempts", 0));
      if (invocation.attempt() <= failAttempts) {
        throw new IllegalStateException(message + " (attempt " + invocation.attempt() + " of " + failAttempts + " to fail)");
      }
      return "succeeded at attempt " + invocation.attempt();
    }
    double probability = invocation.doubleArg("probability", 1.0);
    long seed = Objects.hash(invocation.jobId(), invocation.taskId(), invocation.attempt());
    if (new SplittableRandom(seed).nextDouble() < probability) {
      throw new IllegalStateException(message);
    }
    return null;
  }
}
