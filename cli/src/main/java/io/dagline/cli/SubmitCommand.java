package io.dagline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "submit", description = "Submit a job file; prints the job id.")
final class SubmitCommand implements Callable<Integer> {

  @ParentCommand
  DaglineCli cli;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "the job: Dagline's JSON DAG or a WfFormat workflow ('-' reads stdin)")
  String file;

  @Option(names = "--format", paramLabel = "json|wfformat",
      description = "the file's format (default: told from its content)")
  String format;

  @Option(names = {"-w", "--watch"}, description = "follow the job to its end with a progress bar on stderr; "
      + "the exit code tells how it ended")
  boolean watch;

  @Option(names = "--interval", paramLabel = "MS", defaultValue = "500",
      description = "how often --watch asks for the job's status, in ms (default: ${DEFAULT-VALUE})")
  long intervalMs;

  @Option(names = "--retry-for", paramLabel = "SECONDS", defaultValue = "60",
      description = "POST the job again while the gateway answers 503 (Kafka slow or away), for up to this long "
          + "(default: ${DEFAULT-VALUE}; 0: once)")
  long retryForSeconds;

  @Option(names = "--json", description = "print the gateway's answer as JSON instead of the job id")
  boolean json;

  @Override
  public Integer call() throws InterruptedException {
    byte[] body = read();
    JobFileFormat chosen = format == null ? JobFileFormat.detect(body) : parseFormat();
    GatewayClient gateway = cli.gateway();
    JsonNode accepted = gateway.submit(body, chosen, Duration.ofSeconds(Math.max(0, retryForSeconds)), refused ->
        spec.commandLine().getErr().println("the gateway cannot take the job yet (" + refused.getMessage()
            + "); trying again"));
    String jobId = accepted.path("jobId").asText();
    spec.commandLine().getOut().println(json ? accepted.toPrettyString() : jobId);
    spec.commandLine().getOut().flush();
    if (!watch) {
      return ExitCodes.OK;
    }
    JsonNode last = new JobWatcher(gateway, spec.commandLine().getErr(), cli.terminal(),
        Duration.ofMillis(Math.max(50, intervalMs))).watch(jobId);
    String state = last.path("state").asText();
    if (!"SUCCEEDED".equals(state)) {
      String why = last.path("lastError").isTextual() ? ": " + last.path("lastError").asText() : "";
      spec.commandLine().getErr().println("job " + jobId + " " + state + why);
    }
    return ExitCodes.forFinalState(state);
  }

  private byte[] read() {
    try {
      return "-".equals(file) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    } catch (IOException | RuntimeException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
    }
  }

  private JobFileFormat parseFormat() {
    return switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "json" -> JobFileFormat.JSON;
      case "wfformat" -> JobFileFormat.WFFORMAT;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--format must be json or wfformat, not " + format);
    };
  }
}
