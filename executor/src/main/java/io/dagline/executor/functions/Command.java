package io.dagline.executor.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dagline.executor.FunctionResult;
import io.dagline.executor.FunctionSettings;
import io.dagline.executor.TaskFunction;
import io.dagline.executor.TaskInvocation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a program: {@code argv} (a JSON array: the program, then its arguments; never a shell line),
 * {@code env} (a JSON object added to the executor's environment) and {@code cwd}. Exit code 0 succeeds
 * with the tail of its standard output as the result; any other fails the attempt with the exit code
 * and the tail of its standard error. The program reads nothing on standard input; it finds its
 * dependencies' results in the JSON file named by {@code DAGLINE_INPUTS_FILE}, and its job, task and
 * attempt in {@code DAGLINE_JOB_ID}, {@code DAGLINE_TASK_ID} and {@code DAGLINE_ATTEMPT}.
 *
 * <p>Off unless allowed: {@code argv[0]} must be one of the executor's allowed programs
 * ({@code DAGLINE_COMMANDS_ALLOWED}), compared as written, so allowing {@code sha256sum} (found on the
 * executor's PATH) does not allow {@code /tmp/sha256sum}. A timed-out or cancelled attempt kills the
 * program and every process it started that is still its descendant.
 */
public final class Command implements TaskFunction {

  /** How much of standard output becomes the result, and of standard error the error. */
  static final int STDOUT_TAIL_BYTES = 16 * 1024;
  static final int STDERR_TAIL_BYTES = 4 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Set<String> allowed;

  public Command(Set<String> allowed) {
    this.allowed = new TreeSet<>(allowed);
  }

  @Override
  public String name() {
    return "command";
  }

  @Override
  public FunctionResult run(TaskInvocation invocation) throws Exception {
    List<String> argv = argv(invocation);
    if (!allowed.contains(argv.get(0))) {
      throw new IllegalStateException("program \"" + argv.get(0) + "\" is not allowed on this executor: "
          + (allowed.isEmpty() ? "command tasks are off; " : "allowed are " + allowed + "; ")
          + "set " + FunctionSettings.COMMANDS_ALLOWED + " to allow it");
    }
    Path scratch = Files.createTempDirectory("dagline-command-");
    try {
      Path inputs = scratch.resolve("inputs.json");
      JSON.writeValue(inputs.toFile(), Inputs.asJson(invocation.inputs()));
      ProcessBuilder builder = new ProcessBuilder(argv)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(scratch.resolve("stdout").toFile())
          .redirectError(scratch.resolve("stderr").toFile());
      String cwd = invocation.args().get("cwd");
      if (cwd != null) {
        builder.directory(new File(cwd));
      }
      builder.environment().putAll(stringMap(invocation, "env"));
      builder.environment().put("DAGLINE_INPUTS_FILE", inputs.toString());
      builder.environment().put("DAGLINE_JOB_ID", invocation.jobId());
      builder.environment().put("DAGLINE_TASK_ID", invocation.taskId());
      builder.environment().put("DAGLINE_ATTEMPT", Integer.toString(invocation.attempt()));
      int exit = ProcessTree.runToEnd(builder.start());
      if (exit != 0) {
        String stderr = Tails.read(scratch.resolve("stderr"), STDERR_TAIL_BYTES).strip();
        throw new IllegalStateException("exit code " + exit + (stderr.isEmpty() ? "" : ": " + stderr));
      }
      return FunctionResult.of(Tails.withoutFinalNewline(Tails.read(scratch.resolve("stdout"), STDOUT_TAIL_BYTES)));
    } finally {
      Tails.deleteAll(scratch);
    }
  }

  /** Whether the invocation names a program (in {@code argv}) that this executor allows. */
  public boolean allows(TaskInvocation invocation) {
    if (allowed.isEmpty() || invocation.args().get("argv") == null) {
      return false;
    }
    try {
      return allowed.contains(argv(invocation).get(0));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<String> argv(TaskInvocation invocation) {
    String value = invocation.args().get("argv");
    if (value == null) {
      throw new IllegalArgumentException("argument \"argv\" is required: a JSON array, the program then its arguments");
    }
    List<String> argv;
    try {
      argv = JSON.readValue(value, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("argument \"argv\" must be a JSON array of strings: " + e.getOriginalMessage());
    }
    if (argv == null || argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank() || argv.contains(null)) {
      throw new IllegalArgumentException("argument \"argv\" must name a program, then its arguments");
    }
    return argv;
  }

  private static Map<String, String> stringMap(TaskInvocation invocation, String name) throws IOException {
    String value = invocation.args().get(name);
    if (value == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(value, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("argument \"" + name + "\" must be a JSON object of strings: " + e.getOriginalMessage());
    }
  }
}
