package io.dagline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Prints what a task produced: its inline result as it is (so {@code $(dagline result …)} is the value),
 * or the reference's URI; with {@code --json}, the task's whole detail from the gateway.
 */
@Command(name = "result", description = "Print what a task produced: its result, or the URI of a result kept elsewhere.")
final class ResultCommand implements Callable<Integer> {

  @ParentCommand
  DaglineCli cli;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB", description = "the job id")
  String jobId;

  @Parameters(index = "1", paramLabel = "TASK", description = "the task id")
  String taskId;

  @Option(names = "--json", description = "print the task's detail (state, attempts, result) as the gateway's JSON")
  boolean json;

  @Override
  public Integer call() {
    JsonNode task = cli.gateway().task(jobId, taskId);
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    try {
      if (json) {
        out.println(task.toPrettyString());
        return ExitCodes.OK;
      }
      JsonNode result = task.path("result");
      JsonNode reference = task.path("resultRef");
      if (result.isTextual()) {
        out.println(result.asText());
        return ExitCodes.OK;
      }
      if (reference.isObject()) {
        out.println(reference.path("uri").asText());
        err.println("a reference: " + reference.path("sizeBytes").asLong() + " bytes"
            + (reference.path("site").isTextual() ? " at site " + reference.path("site").asText() : ""));
        return ExitCodes.OK;
      }
      String state = task.path("state").asText();
      err.println("task " + taskId + " has no result: it is " + state
          + ("SUCCEEDED".equals(state) ? " and produced nothing" : ""));
      return ExitCodes.NOT_FOUND;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
