package io.dagline.executor;

/**
 * A function executors can run, found with {@link java.util.ServiceLoader}: list implementations in
 * {@code META-INF/services/io.dagline.executor.TaskFunction}.
 */
public interface TaskFunction {

  /** The name tasks use to call it. */
  String name();

  /** Runs one attempt; returns a small result (or null), throws to fail the attempt. */
  String run(TaskInvocation invocation) throws Exception;
}
