package io.dagline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "cancel", description = "Cancel a job: dispatching stops and running attempts are interrupted.")
final class CancelCommand implements Callable<Integer> {

  @ParentCommand
  DaglineCli cli;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "the job id")
  String jobId;

  @Override
  public Integer call() {
    GatewayClient.Cancellation cancellation = cli.gateway().cancel(jobId);
    String state = cancellation.status().path("state").asText();
    spec.commandLine().getOut().println(cancellation.requested()
        ? "cancelling job " + jobId + " (was " + state + ")"
        : "job " + jobId + " had already finished: " + state);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
