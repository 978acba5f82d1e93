package io.dagline.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Job bodies for end-to-end tests, as a user would post them. */
final class SampleDags {

  private SampleDags() {}

  /**
   * {@code blocks} blocks of 100 tasks each: a root fans out to 14 chains of 7 tasks, which fan in to
   * a join; each block's root waits for the previous block's join.
   */
  static Map<String, Object> chainedFanOutFanIn(String jobId, int blocks, String function) {
    List<Map<String, Object>> tasks = new ArrayList<>();
    String previousJoin = null;
    for (int b = 0; b < blocks; b++) {
      String root = "b" + b + "-root";
      tasks.add(task(root, function, previousJoin == null ? List.of() : List.of(previousJoin)));
      List<String> chainEnds = new ArrayList<>();
      for (int chain = 0; chain < 14; chain++) {
        String previous = root;
        for (int step = 0; step < 7; step++) {
          String id = "b" + b + "-c" + chain + "-s" + step;
          tasks.add(task(id, function, List.of(previous)));
          previous = id;
        }
        chainEnds.add(previous);
      }
      String join = "b" + b + "-join";
      tasks.add(task(join, function, chainEnds));
      previousJoin = join;
    }
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", jobId);
    job.put("name", "fan-out/fan-in chain of " + blocks + " blocks");
    job.put("tasks", tasks);
    return job;
  }

  /**
   * {@code pipelines} independent pipelines; in each a root fans out to {@code chains} chains of
   * {@code chainLength} tasks that fan in to a join. Tasks: pipelines × (2 + chains × chainLength).
   */
  static Map<String, Object> parallelPipelines(String jobId, int pipelines, int chains, int chainLength, String function) {
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (int p = 0; p < pipelines; p++) {
      String root = "p" + p + "-root";
      tasks.add(task(root, function, List.of()));
      List<String> ends = new ArrayList<>();
      for (int c = 0; c < chains; c++) {
        String previous = root;
        for (int step = 0; step < chainLength; step++) {
          String id = "p" + p + "-c" + c + "-s" + step;
          tasks.add(task(id, function, List.of(previous)));
          previous = id;
        }
        ends.add(previous);
      }
      tasks.add(task("p" + p + "-join", function, ends));
    }
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", jobId);
    job.put("tasks", tasks);
    return job;
  }

  /** {@code width} independent tasks calling {@code function} with {@code args}, and a join after them. */
  static Map<String, Object> fanIn(String jobId, int width, String function, Map<String, String> args) {
    List<Map<String, Object>> tasks = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      Map<String, Object> task = task("w" + i, function, List.of());
      task.put("args", args);
      tasks.add(task);
      ids.add("w" + i);
    }
    tasks.add(task("join", "noop", ids));
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", jobId);
    job.put("tasks", tasks);
    return job;
  }

  static Map<String, Object> task(String id, String function, List<String> dependencies) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", id);
    task.put("function", function);
    task.put("dependencies", dependencies);
    return task;
  }
}
