package io.dagline.executor.functions;

import io.dagline.executor.FunctionResult;
import io.dagline.executor.TaskFunction;
import io.dagline.executor.TaskInvocation;

/** Does nothing: measures the scheduler, not the work. */
public final class Noop implements TaskFunction {

  @Override
  public String name() {
    return "noop";
  }

  @Override
  public FunctionResult run(TaskInvocation invocation) {
    return FunctionResult.none();
  }
}
