package io.dagline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code dagline} in-process with a given environment, capturing what it prints. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Map<String, String> environment, String... args) {
    CommandLine commandLine = DaglineCli.commandLine(environment);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}
