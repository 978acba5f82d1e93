package io.dagline.executor.functions;

/** Waits for a process; when the wait is interrupted, kills it and every process it started. */
final class ProcessTree {

  private ProcessTree() {}

  /** The exit code; on interruption the whole tree is killed and the interruption passed on. */
  static int runToEnd(Process process) throws InterruptedException {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      kill(process.toHandle());
      throw e;
    }
  }

  /**
   * Descendants first, while they are still the process's descendants (a child whose parent died is
   * adopted by init and found no more), then the process itself, then whatever it started meanwhile.
   */
  static void kill(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.descendants().forEach(ProcessHandle::destroyForcibly);
  }
}
