package io.dagline.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * docker-compose and docker, as a user runs them, against the engine in DOCKER_HOST: one project of one compose
 * file in the compose directory.
 */
final class Compose {

  record Result(int exitCode, String output) {}

  private final Path dir;
  private final String file;
  private final String project;
  private final Map<String, String> environment;

  Compose(Path dir, String file, String project, Map<String, String> environment) {
    this.dir = dir;
    this.file = file;
    this.project = project;
    this.environment = environment;
  }

  Result run(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("docker-compose", "--no-ansi", "-f", file, "-p", project));
    command.addAll(Arrays.asList(args));
    return exec(command, timeout);
  }

  Result docker(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(Arrays.asList(args));
    return exec(command, timeout);
  }

  /** The running services' names. */
  List<String> services() {
    return run(Duration.ofSeconds(30), "ps", "--services", "--filter", "status=running").output().lines()
        .map(String::trim).filter(line -> !line.isEmpty()).toList();
  }

  /** The container id of a service. */
  String containerOf(String service) {
    Result ps = run(Duration.ofSeconds(30), "ps", "-q", service);
    String id = ps.output().lines().map(String::trim).filter(line -> line.matches("[0-9a-f]{12,}")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no container for " + service + ": " + ps.output()));
    return id;
  }

  /** A service's health as its health check reports it ("healthy", "starting", "unhealthy"; "none" without a check). */
  String health(String service) {
    Result inspect = docker(Duration.ofSeconds(30), "inspect", "-f",
        "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", containerOf(service));
    return inspect.output().trim();
  }

  /** The last lines of every service's log, for a failure message. */
  String logs() {
    return run(Duration.ofSeconds(60), "logs", "--no-color", "--tail", "40").output();
  }

  private Result exec(List<String> command, Duration timeout) {
    try {
      Path output = Files.createTempFile("compose", ".out");
      try {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          return new Result(-1, "timed out after " + timeout + ": " + String.join(" ", command) + "\n"
              + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
