package io.dagline.executor.functions;

import io.dagline.executor.TaskFunction;
import io.dagline.executor.TaskInvocation;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Fails with probability {@code probability} (default 1). The draw is seeded by job, task and
 * attempt, so a test that fails some attempts fails the same ones on every run.
 */
public final class Fail implements TaskFunction {

  @Override
  public String name() {
    return "fail";
  }

  @Override
  public String run(TaskInvocation invocation) {
    double probability = invocation.doubleArg("probability", 1.0);
    long seed = Objects.hash(invocation.jobId(), invocation.taskId(), invocation.attempt());
    if (new SplittableRandom(seed).nextDouble() < probability) {
      throw new IllegalStateException(invocation.arg("message", "failed on purpose"));
    }
    return null;
  }
}
