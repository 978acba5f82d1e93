package io.dagline.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Holds a process to a fixed CPU quota in a cgroup (v1, {@code /sys/fs/cgroup/cpu/<name>}) of its own, so
 * that on a 2-core machine the scheduler instances, not the machine, are what limits throughput: the benchmark
 * shows whether more instances add capacity. Needs root; created for one run and removed after it.
 */
final class CpuCaps implements AutoCloseable {

  static final Path ROOT = Path.of("/sys/fs/cgroup/cpu");
  private static final long PERIOD_US = 100_000;

  private final Path group;

  private CpuCaps(Path group) {
    this.group = group;
  }

  static boolean available() {
    return Files.isWritable(ROOT.resolve("cgroup.procs"));
  }

  /** Moves the process (all its threads) into a new group limited to {@code cores} of CPU time. */
  static CpuCaps cap(String name, long pid, double cores) throws IOException {
    Path group = ROOT.resolve(name);
    Files.createDirectories(group);
    Files.writeString(group.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
    Files.writeString(group.resolve("cpu.cfs_quota_us"), Long.toString(Math.round(cores * PERIOD_US)));
    Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
    return new CpuCaps(group);
  }

  /** {@code cpu.stat} of the group: nr_periods, nr_throttled, throttled_time (ns). */
  Map<String, Long> stat() throws IOException {
    return Files.readAllLines(group.resolve("cpu.stat")).stream().map(line -> line.split("\\s+"))
        .filter(parts -> parts.length == 2)
        .collect(Collectors.toMap(parts -> parts[0], parts -> Long.parseLong(parts[1])));
  }

  /** Share of the periods in which the group used up its quota and was held back. */
  static double throttledShare(Map<String, Long> before, Map<String, Long> after) {
    long periods = after.getOrDefault("nr_periods", 0L) - before.getOrDefault("nr_periods", 0L);
    long throttled = after.getOrDefault("nr_throttled", 0L) - before.getOrDefault("nr_throttled", 0L);
    return periods == 0 ? 0 : (double) throttled / periods;
  }

  /** Moves what is left of the process back to the root group and removes the group. */
  @Override
  public void close() throws IOException {
    for (String pid : Files.readAllLines(group.resolve("cgroup.procs"))) {
      if (!pid.isBlank()) {
        try {
          Files.writeString(ROOT.resolve("cgroup.procs"), pid.trim());
        } catch (IOException e) {
          // the process ended meanwhile
        }
      }
    }
    Files.deleteIfExists(group);
  }
}
