package io.dagline.embedded;

/** The processes of this machine whose command line contains a marker, as {@code ps} would list them. */
final class ProcessTable {

  private ProcessTable() {}

  static long countWith(String marker) {
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
        .count();
  }
}
