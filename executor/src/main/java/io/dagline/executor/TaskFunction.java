package io.dagline.executor;

import io.dagline.schemas.FunctionArgument;
import java.util.List;

/**
 * A function executors can run: the way to run your own work on Dagline (see {@code docs/functions.md}).
 *
 * <p>Executors find functions with {@link java.util.ServiceLoader}: list the implementations in
 * {@code META-INF/services/io.dagline.executor.TaskFunction} of a jar, and put the jar in the
 * executor's functions directory ({@code DAGLINE_FUNCTIONS_DIR}). Each executor announces the names of
 * its functions in its heartbeats; the gateway accepts a task that calls a function a live executor of
 * the task's site offers.
 *
 * <p>One instance serves every attempt, from several threads at once: keep it free of per-attempt state.
 * An attempt past its timeout, or of a job that was cancelled, is interrupted: a long-running function
 * should let {@link InterruptedException} through (or check {@link Thread#interrupted()}).
 */
public interface TaskFunction {

  /** The name tasks use to call it. */
  String name();

  /**
   * The arguments it takes (see {@code FunctionArguments.number}, {@code text}, {@code json}): announced in
   * the executor's heartbeats, and checked by the gateway at submission, so a task with a wrong argument
   * is refused with a 400 naming it instead of failing at every attempt. Empty (the default): not checked.
   */
  default List<FunctionArgument> arguments() {
    return List.of();
  }

  /**
   * Runs one attempt. Returns what it produced ({@link FunctionResult#none()} for nothing); throws to
   * fail the attempt ({@link PermanentFailureException} when retrying cannot help).
   */
  FunctionResult run(TaskInvocation invocation) throws Exception;
}
