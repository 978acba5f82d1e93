package io.dagline.executor;

import io.dagline.executor.functions.Command;
import io.dagline.executor.functions.HttpCall;
import io.dagline.executor.functions.Replay;
import io.dagline.schemas.FunctionSignature;
import java.util.ArrayList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The functions this executor can run, by name. Two functions with one name are an error at start-up. */
public final class FunctionRegistry {

  private final Map<String, TaskFunction> functions;

  private FunctionRegistry(Map<String, TaskFunction> functions) {
    this.functions = Collections.unmodifiableMap(functions);
  }

  /** The functions on the class path (the built-in ones among them); commands and HTTP calls off. */
  public static FunctionRegistry load() {
    return load(FunctionSettings.builtInOnly());
  }

  /**
   * What an executor with these settings runs: the functions on the class path, those of every jar in
   * the functions directory, and {@code command}, {@code replay} (which runs a recorded command where
   * {@code command} may) and {@code http}, each limited by its allow-list.
   */
  public static FunctionRegistry load(FunctionSettings settings) {
    List<TaskFunction> all = new ArrayList<>();
    ServiceLoader.load(TaskFunction.class).forEach(all::add);
    if (settings.functionsDir() != null) {
      ServiceLoader.load(TaskFunction.class, jarsIn(settings.functionsDir())).stream()
          .filter(provider -> !(provider.type().getClassLoader() == FunctionRegistry.class.getClassLoader()))
          .forEach(provider -> all.add(provider.get()));
    }
    Command command = new Command(settings.commandsAllowed());
    all.add(command);
    all.add(new Replay(command));
    all.add(new HttpCall(settings.httpAllowed()));
    return of(all);
  }

  public static FunctionRegistry of(Iterable<? extends TaskFunction> candidates) {
    Map<String, TaskFunction> byName = new TreeMap<>();
    for (TaskFunction function : candidates) {
      TaskFunction previous = byName.putIfAbsent(function.name(), function);
      if (previous != null) {
        throw new IllegalStateException("two functions are named \"" + function.name() + "\": "
            + previous.getClass().getName() + " and " + function.getClass().getName());
      }
    }
    return new FunctionRegistry(byName);
  }

  /** A class loader over the directory's jars, whose parent gives them the SPI (and nothing is loaded twice). */
  private static ClassLoader jarsIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("the functions directory " + dir + " does not exist (" + FunctionSettings.FUNCTIONS_DIR + ")");
    }
    try (Stream<Path> files = Files.list(dir)) {
      URL[] jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted()
          .map(FunctionRegistry::url).toArray(URL[]::new);
      return new URLClassLoader("dagline-functions", jars, FunctionRegistry.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the functions directory " + dir, e);
    }
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a jar path: " + jar, e);
    }
  }

  public TaskFunction find(String name) {
    return functions.get(name);
  }

  public Set<String> names() {
    return functions.keySet();
  }

  /** The arguments each function declares, in name order; functions that declare none are left out. */
  public List<FunctionSignature> signatures() {
    List<FunctionSignature> declared = new ArrayList<>();
    functions.forEach((name, function) -> {
      if (!function.arguments().isEmpty()) {
        declared.add(new FunctionSignature(name, List.copyOf(function.arguments())));
      }
    });
    return declared;
  }
}
