package io.dagline.executor.functions;

import io.dagline.executor.FunctionResult;
import io.dagline.executor.TaskFunction;
import io.dagline.executor.TaskInvocation;

/**
 * Replays a recorded runtime: sleeps {@code runtimeSeconds} × {@code scale} (default 1) divided by
 * the executor's speed, so a real workflow can run on simulated heterogeneous executors.
 */
public final class Replay implements TaskFunction {

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public FunctionResult run(TaskInvocation invocation) throws InterruptedException {
    Thread.sleep(durationMs(invocation));
    return FunctionResult.none();
  }

  static long durationMs(TaskInvocation invocation) {
    double seconds = invocation.doubleArg("runtimeSeconds", 0);
    double scale = invocation.doubleArg("scale", 1.0);
    return Math.round(seconds * scale * 1000 / invocation.executorSpeed());
  }
}
