package io.dagline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Dagline component (scheduler, executor) in its own JVM, started from this JVM's class path, with
 * its output in a log file. {@link #kill()} is a SIGKILL: no shutdown hook, no clean close;
 * {@link #suspend()} freezes it until {@link #resume()}.
 *
 * <p>Extra JVM options for every process started here, e.g. a JFR recording while profiling, come from the
 * system property {@value #EXTRA_JVM_ARGS_PROPERTY} or else the environment variable {@value #EXTRA_JVM_ARGS_ENV}
 * (split on whitespace; {@code {name}} is replaced with the process's name, so each gets its own file):
 * {@code DAGLINE_EXTRA_JVM_ARGS='-XX:StartFlightRecording=filename=/tmp/{name}.jfr,settings=profile'}.
 */
public final class JavaProcess implements AutoCloseable {

  private static final Path SETSID = Path.of("/usr/bin/setsid");
  public static final String EXTRA_JVM_ARGS_PROPERTY = "dagline.extraJvmArgs";
  public static final String EXTRA_JVM_ARGS_ENV = "DAGLINE_EXTRA_JVM_ARGS";

  private final String name;
  private final Process process;
  private final Path log;
  private final String readyLine;

  private JavaProcess(String name, Process process, Path log, String readyLine) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.readyLine = readyLine;
  }

  /** Starts {@code mainClass} with the environment given; ready once a line contains {@code readyLine}. */
  public static JavaProcess start(String name, String mainClass, Map<String, String> environment, Path logDir,
      String readyLine, String... jvmOptions) {
    try {
      Files.createDirectories(logDir);
      List<String> command = new ArrayList<>();
      if (Files.isExecutable(SETSID)) {
        // Its own session: it outlives the launcher's terminal, and a Ctrl-C there does not reach it.
        command.add(SETSID.toString());
      }
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-Xmx512m");
      command.addAll(List.of(jvmOptions));
      command.addAll(extraJvmArgs(name));
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(mainClass);
      Path log = logDir.resolve(name + ".log");
      // Straight to a file, not through this JVM: the process outlives a launcher that exits.
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      return new JavaProcess(name, builder.start(), log, readyLine);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The opt-in extra options (see the class comment), with {@code {name}} replaced; none by default. */
  static List<String> extraJvmArgs(String name) {
    String configured = System.getProperty(EXTRA_JVM_ARGS_PROPERTY, System.getenv(EXTRA_JVM_ARGS_ENV));
    if (configured == null || configured.isBlank()) {
      return List.of();
    }
    return Arrays.stream(configured.trim().split("\\s+")).map(option -> option.replace("{name}", name)).toList();
  }

  /** Waits until the ready line appears in the log; false if the process died or time ran out first. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return LogWatch.awaitLine(log, readyLine, timeout, process::isAlive);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, as a crash or an OOM killer would. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGSTOP: the process freezes, as in a long GC pause or a hung host; nothing is closed. */
  public void suspend() {
    signal("STOP");
  }

  /** SIGCONT: a suspended process carries on where it stopped. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("could not send SIG" + name + " to " + this);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM and wait: the component's shutdown hook closes it cleanly. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
