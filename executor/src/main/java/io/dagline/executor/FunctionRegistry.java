package io.dagline.executor;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The functions this executor can run, by name. Two functions with one name are an error at start-up. */
public final class FunctionRegistry {

  private final Map<String, TaskFunction> functions;

  private FunctionRegistry(Map<String, TaskFunction> functions) {
    this.functions = Collections.unmodifiableMap(functions);
  }

  public static FunctionRegistry load() {
    return of(ServiceLoader.load(TaskFunction.class));
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

  public TaskFunction find(String name) {
    return functions.get(name);
  }

  public java.util.Set<String> names() {
    return functions.keySet();
  }
}
