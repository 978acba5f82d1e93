package io.dagline.loadtest.gatling;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random job DAGs of no-op tasks, written straight to the gateway's JSON: the scheduler, not the
 * work, is measured. One instance yields a reproducible sequence of jobs for a given seed.
 *
 * <p>Small shapes: {@code chain} (t0 → t1 → …), {@code fan-out-in} (one root, n−2 parallel tasks, one
 * sink), {@code layered} (random layers of 1–10 tasks, each task depending on 1–3 tasks of the layer
 * before) and {@code diamonds} (a chain of fan-out/fan-in diamonds of width 2–8). Large jobs are
 * {@code layered} with locality: task i of a layer depends on 1–3 of the tasks i−1, i, i+1 of the
 * layer before, so a graph partitioner can keep most edges inside a partition.
 */
final class DagShapes {

  /** A generated job: its JSON body and what it holds. */
  record Dag(String name, String shape, int taskCount, int edgeCount, String json) {}

  private static final String[] SMALL_SHAPES = {"chain", "fan-out-in", "layered", "diamonds"};

  private final Random random;
  private long sequence;

  DagShapes(long seed) {
    this.random = new Random(seed);
  }

  /** A small job of {@code minTasks}–{@code maxTasks} tasks (inclusive) in a random shape. */
  Dag nextSmall(int minTasks, int maxTasks) {
    int n = minTasks + random.nextInt(maxTasks - minTasks + 1);
    String shape = SMALL_SHAPES[random.nextInt(SMALL_SHAPES.length)];
    List<int[]> deps = switch (shape) {
      case "chain" -> chain(n);
      case "fan-out-in" -> fanOutIn(n);
      case "layered" -> layered(n, 10);
      default -> diamonds(n);
    };
    return write("gatling-" + shape + "-" + n + "-" + (++sequence), shape, deps);
  }

  /** A large job of {@code tasks} tasks in {@code depth} layers, with local dependencies between layers. */
  Dag nextLarge(int tasks, int depth) {
    int width = Math.max(1, (tasks + depth - 1) / depth);
    List<int[]> deps = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      int layer = i / width;
      if (layer == 0) {
        deps.add(new int[0]);
        continue;
      }
      int previousStart = (layer - 1) * width;
      int position = i - layer * width;
      // A random non-empty subset of {i-1, i, i+1} in the previous layer (wrapping around its width).
      int mask = 1 + random.nextInt(7);
      int[] chosen = new int[Integer.bitCount(mask)];
      int k = 0;
      for (int offset = -1; offset <= 1; offset++) {
        if ((mask & (1 << (offset + 1))) != 0) {
          chosen[k++] = previousStart + Math.floorMod(position + offset, width);
        }
      }
      deps.add(chosen);
    }
    return write("gatling-large-" + tasks + "-" + (++sequence), "large-layered", deps);
  }

  private static List<int[]> chain(int n) {
    List<int[]> deps = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      deps.add(i == 0 ? new int[0] : new int[] {i - 1});
    }
    return deps;
  }

  private static List<int[]> fanOutIn(int n) {
    List<int[]> deps = new ArrayList<>(n);
    deps.add(new int[0]);
    for (int i = 1; i < n - 1; i++) {
      deps.add(new int[] {0});
    }
    int[] all = new int[n - 2];
    for (int i = 0; i < all.length; i++) {
      all[i] = i + 1;
    }
    deps.add(all);
    return deps;
  }

  private List<int[]> layered(int n, int maxWidth) {
    List<int[]> deps = new ArrayList<>(n);
    int previousStart = -1;
    int previousWidth = 0;
    while (deps.size() < n) {
      int width = Math.min(n - deps.size(), 1 + random.nextInt(maxWidth));
      int start = deps.size();
      for (int i = 0; i < width; i++) {
        if (previousWidth == 0) {
          deps.add(new int[0]);
          continue;
        }
        int count = Math.min(previousWidth, 1 + random.nextInt(3));
        // `count` distinct tasks of the previous layer: a random window start, consecutive positions.
        int first = random.nextInt(previousWidth);
        int[] chosen = new int[count];
        for (int c = 0; c < count; c++) {
          chosen[c] = previousStart + (first + c) % previousWidth;
        }
        deps.add(chosen);
      }
      previousStart = start;
      previousWidth = width;
    }
    return deps;
  }

  /** hub → w parallel tasks → hub → …; the last diamond may be cut short. */
  private List<int[]> diamonds(int n) {
    List<int[]> deps = new ArrayList<>(n);
    deps.add(new int[0]);
    int hub = 0;
    while (deps.size() < n) {
      int room = n - deps.size();
      if (room == 1) {
        deps.add(new int[] {hub});
        break;
      }
      int width = Math.min(room - 1, 2 + random.nextInt(7));
      int first = deps.size();
      for (int i = 0; i < width; i++) {
        deps.add(new int[] {hub});
      }
      int[] join = new int[width];
      for (int i = 0; i < width; i++) {
        join[i] = first + i;
      }
      deps.add(join);
      hub = deps.size() - 1;
    }
    return deps;
  }

  private static Dag write(String name, String shape, List<int[]> deps) {
    StringBuilder json = new StringBuilder(deps.size() * 64 + 64);
    json.append("{\"name\":\"").append(name).append("\",\"tasks\":[");
    int edges = 0;
    for (int i = 0; i < deps.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"id\":\"t").append(i).append("\",\"function\":\"noop\"");
      int[] d = deps.get(i);
      if (d.length > 0) {
        json.append(",\"dependencies\":[");
        for (int j = 0; j < d.length; j++) {
          if (j > 0) {
            json.append(',');
          }
          json.append("\"t").append(d[j]).append('"');
        }
        json.append(']');
        edges += d.length;
      }
      json.append('}');
    }
    json.append("]}");
    return new Dag(name, shape, deps.size(), edges, json.toString());
  }
}
