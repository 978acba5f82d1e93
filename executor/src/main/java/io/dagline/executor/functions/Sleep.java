package io.dagline.executor.functions;

import io.dagline.executor.FunctionResult;
import io.dagline.executor.TaskFunction;
import io.dagline.executor.TaskInvocation;

/** Sleeps {@code ms} milliseconds (default 100). */
public final class Sleep implements TaskFunction {

  @Override
  public String name() {
    return "sleep";
  }

  @Override
  public FunctionResult run(TaskInvocation invocation) throws InterruptedException {
    Thread.sleep((long) invocation.doubleArg("ms", 100));
    return FunctionResult.none();
  }
}
