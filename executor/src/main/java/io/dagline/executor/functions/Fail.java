package io.dagline.executor.functions;

import io.dagline.executor.FunctionResult;
import io.dagline.executor.TaskFunction;
import io.dagline.executor.TaskInvocation;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Fails on purpose, for tests. With {@code failAttempts: "N"} attempts 1 to N fail and later ones
 * succeed; otherwise it fails with probability {@code probability} (default 1), the draw seeded by
 * job, task and attempt so that a test fails the same attempts on every run. The error is
 * {@code message} (default "failed on purpose"). With {@code failOn: "executor-1,executor-3"} it fails
 * only on those executors and succeeds on any other, to stand for a broken machine.
 */
public final class Fail implements TaskFunction {

  @Override
  public String name() {
    return "fail";
  }

  @Override
  public FunctionResult run(TaskInvocation invocation) {
    String message = invocation.arg("message", "failed on purpose");
    if (invocation.args().containsKey("failOn")) {
      List<String> broken = List.of(invocation.arg("failOn", "").split(","));
      if (broken.contains(invocation.executorId())) {
        throw new IllegalStateException(message + " (on executor " + invocation.executorId() + ")");
      }
      return FunctionResult.of("succeeded on executor " + invocation.executorId());
    }
    if (invocation.args().containsKey("failAttempts")) {
      long failAttempts = Math.round(invocation.doubleArg("failAttempts", 0));
      if (invocation.attempt() <= failAttempts) {
        throw new IllegalStateException(message + " (attempt " + invocation.attempt() + " of " + failAttempts + " to fail)");
      }
      return FunctionResult.of("succeeded at attempt " + invocation.attempt());
    }
    double probability = invocation.doubleArg("probability", 1.0);
    long seed = Objects.hash(invocation.jobId(), invocation.taskId(), invocation.attempt());
    if (new SplittableRandom(seed).nextDouble() < probability) {
      throw new IllegalStateException(message);
    }
    return FunctionResult.none();
  }
}
