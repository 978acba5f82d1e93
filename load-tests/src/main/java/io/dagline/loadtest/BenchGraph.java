package io.dagline.loadtest;

import io.dagline.core.wfformat.WfFormatReader;
import io.dagline.core.wfformat.WfTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A no-op task graph run by both systems of the comparison: the same task ids and the same edges, written
 * once here and turned into a Dagline job and into the JSON the Dask runner reads. The shapes are those
 * users compare schedulers on (and those of {@code ../shared/bench/}).
 */
public record BenchGraph(String name, List<Node> nodes) {

  /** A task and the tasks it depends on. */
  public record Node(String id, List<String> dependencies) {
    public Node {
      dependencies = List.copyOf(dependencies);
    }
  }

  public BenchGraph {
    nodes = List.copyOf(nodes);
  }

  public int edgeCount() {
    return nodes.stream().mapToInt(node -> node.dependencies().size()).sum();
  }

  /** {@code n} independent tasks joined by a two-level tree of the given width. */
  public static BenchGraph fan(int n, int width) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(new Node("t" + i, List.of()));
    }
    List<String> mids = new ArrayList<>();
    for (int m = 0; m < n; m += width) {
      List<String> group = new ArrayList<>();
      for (int i = m; i < Math.min(n, m + width); i++) {
        group.add("t" + i);
      }
      nodes.add(new Node("m" + m, group));
      mids.add("m" + m);
    }
    nodes.add(new Node("root", mids));
    return new BenchGraph("fan", nodes);
  }

  /** {@code n / length} independent chains of {@code length}, joined at the end. */
  public static BenchGraph branched(int n, int length) {
    List<Node> nodes = new ArrayList<>();
    List<String> tails = new ArrayList<>();
    for (int b = 0; b < Math.max(1, n / length); b++) {
      String previous = null;
      for (int j = 0; j < length; j++) {
        String id = "b" + b + "_" + j;
        nodes.add(new Node(id, previous == null ? List.of() : List.of(previous)));
        previous = id;
      }
      tails.add(previous);
    }
    nodes.add(new Node("join", tails));
    return new BenchGraph("branched", nodes);
  }

  public static BenchGraph wide(int n) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(new Node("t" + i, List.of()));
    }
    return new BenchGraph("wide", nodes);
  }

  public static BenchGraph chain(int n) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(new Node("c" + i, i == 0 ? List.of() : List.of("c" + (i - 1))));
    }
    return new BenchGraph("chain", nodes);
  }

  /** A WfCommons WfFormat instance's tasks and edges, every task a no-op. */
  public static BenchGraph wfformat(Path file) {
    List<Node> nodes = new ArrayList<>();
    for (WfTask task : WfFormatReader.read(file).tasks()) {
      nodes.add(new Node(task.id(), task.parents()));
    }
    String name = file.getFileName().toString().replaceFirst("\\.json$", "");
    return new BenchGraph(name, nodes);
  }

  /** The Dagline job (the gateway's JSON): every task the built-in {@code noop}. */
  public Map<String, Object> daglineJob() {
    List<Map<String, Object>> tasks = new ArrayList<>(nodes.size());
    for (Node node : nodes) {
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("id", node.id());
      task.put("function", "noop");
      task.put("dependencies", node.dependencies());
      tasks.add(task);
    }
    return Map.of("name", name, "tasks", tasks);
  }

  /** What {@code dask_run.py} reads: the graph's name and each task with its dependencies. */
  public Map<String, Object> daskGraph() {
    List<Map<String, Object>> tasks = new ArrayList<>(nodes.size());
    for (Node node : nodes) {
      tasks.add(Map.of("id", node.id(), "deps", node.dependencies()));
    }
    return Map.of("name", name, "tasks", tasks);
  }
}
