package io.dagline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "jobs", description = "List jobs, newest first.")
final class JobsCommand implements Callable<Integer> {

  @ParentCommand
  DaglineCli cli;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--state", paramLabel = "STATE", description = "only jobs in this state (e.g. RUNNING, FAILED)")
  String state;

  @Option(names = "--limit", paramLabel = "N", description = "at most N jobs")
  Integer limit;

  @Option(names = "--cursor", paramLabel = "CURSOR", description = "the next page, as the previous one said")
  String cursor;

  @Option(names = "--json", description = "print the gateway's JSON as it is")
  boolean json;

  @Override
  public Integer call() {
    if (limit != null && limit < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
    }
    JsonNode page = cli.gateway().jobs(state == null ? null : state.toUpperCase(Locale.ROOT), limit, cursor);
    spec.commandLine().getOut().print(json ? page.toPrettyString() + System.lineSeparator() : JobViews.jobsTable(page));
    spec.commandLine().getOut().flush();
    JsonNode next = page.path("nextCursor");
    if (!json && next.isTextual() && !next.asText().isEmpty()) {
      spec.commandLine().getErr().println("more: dagline jobs --cursor " + next.asText()
          + (state == null ? "" : " --state " + state) + (limit == null ? "" : " --limit " + limit));
      spec.commandLine().getErr().flush();
    }
    return ExitCodes.OK;
  }
}
