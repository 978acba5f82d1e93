package io.dagline.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code dagline}: submits, watches, lists and cancels jobs through the gateway's HTTP API. */
@Command(name = "dagline", mixinStandardHelpOptions = true, version = "dagline 0.1.0",
    description = "Submit, watch, inspect, list and cancel Dagline jobs through the gateway's HTTP API.",
    subcommands = {SubmitCommand.class, StatusCommand.class, ResultCommand.class, CancelCommand.class, JobsCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success (with --watch: the job SUCCEEDED)",
        "1:the job FAILED (--watch)",
        "2:usage error, or a file that cannot be read",
        "3:the job was CANCELLED (--watch)",
        "4:the gateway rejected the input (400, 409, 413, 415) or the job was REJECTED",
        "5:no such job or task (404), or a task without a result (result)",
        "6:authentication needed or refused (401, 403)",
        "7:the gateway is unreachable",
        "8:any other gateway error (5xx)",
        "9:the CLI itself failed (a bug)"})
public final class DaglineCli implements Runnable {

  static final String DEFAULT_URL = "http://127.0.0.1:8080";

  @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "the gateway (default: $DAGLINE_URL, else " + DEFAULT_URL + ")")
  String url;

  @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
      description = "bearer token for the gateway (default: $DAGLINE_TOKEN)")
  String token;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final UnaryOperator<String> environment;
  private final boolean terminal;

  public DaglineCli(UnaryOperator<String> environment, boolean terminal) {
    this.environment = environment;
    this.terminal = terminal;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System::getenv, System.console() != null).execute(args));
  }

  /** The command line with Dagline's exit codes: gateway errors map to theirs, see {@link ExitCodes}. */
  public static CommandLine commandLine(UnaryOperator<String> environment, boolean terminal) {
    CommandLine commandLine = new CommandLine(new DaglineCli(environment, terminal));
    commandLine.setExecutionExceptionHandler(DaglineCli::handleFailure);
    return commandLine;
  }

  /** For tests: the environment as a map. */
  public static CommandLine commandLine(Map<String, String> environment) {
    return commandLine(environment::get, false);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  URI gatewayUrl() {
    String chosen = firstNonBlank(url, environment.apply("DAGLINE_URL"), DEFAULT_URL);
    try {
      URI uri = URI.create(chosen.endsWith("/") ? chosen : chosen + "/");
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "not a gateway URL: " + chosen);
    }
  }

  GatewayClient gateway() {
    return new GatewayClient(gatewayUrl(), firstNonBlank(token, environment.apply("DAGLINE_TOKEN"), null));
  }

  boolean terminal() {
    return terminal;
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static int handleFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof GatewayException gateway) {
      err.println("dagline: " + (gateway.error() == null ? "" : gateway.error() + ": ") + gateway.getMessage());
      gateway.problems().forEach(problem -> err.println("  - " + problem));
      err.flush();
      return ExitCodes.forHttpStatus(gateway.status());
    }
    if (e instanceof GatewayUnreachableException unreachable) {
      err.println("dagline: " + unreachable.getMessage());
      err.flush();
      return ExitCodes.UNREACHABLE;
    }
    if (e instanceof CommandLine.ParameterException usage) {
      err.println("dagline: " + usage.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    err.println("dagline: unexpected error (a bug): " + e);
    e.printStackTrace(err);
    err.flush();
    return ExitCodes.INTERNAL_ERROR;
  }
}
