package io.dagline.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * CPU time a process has used (user + system, from /proc/PID/stat), in milliseconds. Unlike rates, CPU time per task
 * is nearly the same on a busy machine as on an idle one, so it compares runs that shared the cores with other work.
 */
final class ProcessCpu {

  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private ProcessCpu() {}

  static long millis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces: state is field 3.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime (14), stime (15)
      return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0; // a killed process has no /proc entry; its CPU is no longer counted
    }
  }

  static long millis(Collection<Long> pids) {
    return pids.stream().mapToLong(ProcessCpu::millis).sum();
  }
}
