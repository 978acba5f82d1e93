package io.dagline.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Dagline component (scheduler, executor) in its own JVM, started from this JVM's class path, with
 * its output in a log file. {@link #kill()} is a SIGKILL: no shutdown hook, no clean close.
 */
public final class JavaProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;
  private final CountDownLatch ready = new CountDownLatch(1);

  private JavaProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass} with the environment given; ready once a line contains {@code readyLine}. */
  public static JavaProcess start(String name, String mainClass, Map<String, String> environment, Path logDir,
      String readyLine, String... jvmOptions) {
    try {
      Files.createDirectories(logDir);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-Xmx512m");
      command.addAll(List.of(jvmOptions));
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(mainClass);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      Path log = logDir.resolve(name + ".log");
      JavaProcess started = new JavaProcess(name, builder.start(), log);
      Thread pump = new Thread(() -> started.pump(readyLine), name + "-output");
      pump.setDaemon(true);
      pump.start();
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void pump(String readyLine) {
    try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
      String line;
      while ((line = output.readLine()) != null) {
        out.println(line);
        if (line.contains(readyLine)) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
