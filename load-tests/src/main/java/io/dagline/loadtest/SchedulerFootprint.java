package io.dagline.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;

/**
 * What a scheduler instance holds, at one moment: its heap after a full GC; its resident set (heap, RocksDB
 * memtables and block cache, everything else); the bytes of RocksDB SST files in its state directory; and the bytes
 * of its stores' changelog topics on the broker. Under exactly-once, Kafka Streams flushes RocksDB memtables to
 * SST files only every 10,000 records or on a clean close, so SST bytes mean something only after a close.
 */
record SchedulerFootprint(long heapUsedBytes, long residentBytes, long sstBytes, long changelogBytes) {

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  static SchedulerFootprint measure(long pid, Path stateDir, Admin admin, String applicationId) throws Exception {
    return new SchedulerFootprint(heapUsedAfterGc(pid), residentBytes(pid), sstBytes(stateDir),
        changelogBytes(admin, applicationId));
  }

  /** VmRSS of /proc/PID/status. */
  static long residentBytes(long pid) throws IOException {
    Matcher rss = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    return rss.find() ? Long.parseLong(rss.group(1)) * 1024 : -1;
  }

  /** {@code jcmd PID GC.run}, then the first "used NK" of {@code GC.heap_info}: the whole heap's occupancy. */
  static long heapUsedAfterGc(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    Matcher used = HEAP_USED.matcher(info);
    if (!used.find()) {
      throw new IllegalStateException("no heap occupancy in jcmd GC.heap_info: " + info);
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
    }
    return output;
  }

  /** The RocksDB SST files under {@code dir}: the stores' data once flushed (not their logs or manifests). */
  static long sstBytes(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(file -> file.toString().endsWith(".sst")).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException e) {
          return 0; // RocksDB deletes files while we walk
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  /** Sum over the brokers' log dirs of the replicas of {@code <applicationId>-*-changelog} topics. */
  static long changelogBytes(Admin admin, String applicationId) throws Exception {
    List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id).toList();
    Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(brokers).allDescriptions()
        .get(30, TimeUnit.SECONDS);
    long bytes = 0;
    for (Map<String, LogDirDescription> byPath : dirs.values()) {
      for (LogDirDescription dir : byPath.values()) {
        for (var replica : dir.replicaInfos().entrySet()) {
          String topic = replica.getKey().topic();
          if (topic.startsWith(applicationId + "-") && topic.endsWith("-changelog")) {
            bytes += replica.getValue().size();
          }
        }
      }
    }
    return bytes;
  }
}
