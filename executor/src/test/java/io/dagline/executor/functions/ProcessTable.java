package io.dagline.executor.functions;

/** The processes of this machine whose command line contains a marker, as {@code ps} would list them. */
public final class ProcessTable {

  private ProcessTable() {}

  public static long countWith(String marker) {
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
        .count();
  }
}
