package io.dagline.executor;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What an executor may run beyond its built-in functions: the jars in {@code functionsDir} (null: none),
 * the programs {@code command} tasks may start (empty: none), and the base URLs {@code http} tasks may
 * call (empty: none). Read from DAGLINE_FUNCTIONS_DIR, DAGLINE_COMMANDS_ALLOWED and DAGLINE_HTTP_ALLOWED
 * (comma-separated).
 */
public record FunctionSettings(Path functionsDir, Set<String> commandsAllowed, List<URI> httpAllowed) {

  public static final String FUNCTIONS_DIR = "DAGLINE_FUNCTIONS_DIR";
  public static final String COMMANDS_ALLOWED = "DAGLINE_COMMANDS_ALLOWED";
  public static final String HTTP_ALLOWED = "DAGLINE_HTTP_ALLOWED";

  public FunctionSettings {
    commandsAllowed = Set.copyOf(commandsAllowed);
    httpAllowed = List.copyOf(httpAllowed);
  }

  /** Built-in functions only; commands and HTTP calls off. */
  public static FunctionSettings builtInOnly() {
    return new FunctionSettings(null, Set.of(), List.of());
  }

  public static FunctionSettings fromEnvironment() {
    return from(System::getenv);
  }

  static FunctionSettings from(Function<String, String> env) {
    String dir = env.apply(FUNCTIONS_DIR);
    return new FunctionSettings(dir == null || dir.isBlank() ? null : Path.of(dir.trim()),
        Set.copyOf(list(env.apply(COMMANDS_ALLOWED))),
        list(env.apply(HTTP_ALLOWED)).stream().map(URI::create).toList());
  }

  public FunctionSettings withFunctionsDir(Path dir) {
    return new FunctionSettings(dir, commandsAllowed, httpAllowed);
  }

  public FunctionSettings withCommandsAllowed(Set<String> programs) {
    return new FunctionSettings(functionsDir, programs, httpAllowed);
  }

  public FunctionSettings withHttpAllowed(List<URI> baseUrls) {
    return new FunctionSettings(functionsDir, commandsAllowed, baseUrls);
  }

  private static List<String> list(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
  }
}
