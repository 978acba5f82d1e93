package io.dagline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", description = "Show a job's state and task counts.")
final class StatusCommand implements Callable<Integer> {

  @ParentCommand
  DaglineCli cli;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "the job id")
  String jobId;

  @Option(names = "--json", description = "print the gateway's JSON as it is")
  boolean json;

  @Override
  public Integer call() {
    JsonNode job = cli.gateway().job(jobId);
    spec.commandLine().getOut().print(json ? job.toPrettyString() + System.lineSeparator() : JobViews.statusTable(job));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
