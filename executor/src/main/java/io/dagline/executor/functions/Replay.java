package io.dagline.executor.functions;

import io.dagline.executor.FunctionResult;
import io.dagline.executor.TaskFunction;
import io.dagline.executor.TaskInvocation;

/**
 * Replays a recorded task: runs its recorded command ({@code argv}, as WfFormat jobs carry it) when this
 * executor allows the program (see {@link Command}); otherwise sleeps {@code runtimeSeconds} ×
 * {@code scale} (default 1) divided by the executor's speed, so a real workflow can run on simulated
 * heterogeneous executors.
 */
public final class Replay implements TaskFunction {

  private final Command command;

  public Replay(Command command) {
    this.command = command;
  }

  /** Never runs a recorded command. */
  public Replay() {
    this(new Command(java.util.Set.of()));
  }

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public FunctionResult run(TaskInvocation invocation) throws Exception {
    if (command.allows(invocation)) {
      return command.run(invocation);
    }
    Thread.sleep(durationMs(invocation));
    return FunctionResult.none();
  }

  static long durationMs(TaskInvocation invocation) {
    double seconds = invocation.doubleArg("runtimeSeconds", 0);
    double scale = invocation.doubleArg("scale", 1.0);
    return Math.round(seconds * scale * 1000 / invocation.executorSpeed());
  }
}
