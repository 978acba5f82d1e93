package io.dagline.core.sim;

import io.dagline.core.model.Resources;
import io.dagline.core.site.Platform;
import io.dagline.core.wfformat.WfFormatReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How long {@link PlanSearch} takes to plan each shared workflow and a generated 5,000-task job: wall-clock
 * milliseconds, the best of a few runs (the first warms the JIT up). A benchmark's printout, not a test.
 */
final class PlanningTimes {

    static final int RUNS = 3;
    static final int LARGE_LEVELS = 50;
    static final int LARGE_WIDTH = 100;

    private PlanningTimes() {
    }

    static String table(List<Path> workflows, Platform platform, long seed) {
        StringBuilder table = new StringBuilder("| job | tasks | planning (ms) | replays | started from |"
                + " makespan: start → plan (s) |\n|---|---:|---:|---:|---|---|\n");
        for (Path file : workflows) {
            Workload workload = Workloads.of(WfFormatReader.read(file), platform.siteNames(),
                    InputPlacement.seeded(seed));
            line(table, file.getFileName().toString().replace(".json", ""), workload, platform);
        }
        line(table, "generated, " + LARGE_LEVELS + " levels × " + LARGE_WIDTH, layered(LARGE_LEVELS, LARGE_WIDTH, seed),
                platform);
        return table.toString();
    }

    private static void line(StringBuilder table, String name, Workload workload, Platform platform) {
        long best = Long.MAX_VALUE;
        PlanSearch.Result result = null;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            result = PlanSearch.plan(workload, platform);
            best = Math.min(best, System.nanoTime() - start);
        }
        table.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %.1f → %.1f |%n", name, workload.size(),
                best / 1_000_000, result.replays(), result.startedFrom(), result.startMakespan(), result.makespan()));
    }

    /** Levels of tasks, each reading the outputs of two tasks of the level before; runtimes 1–60 s. */
    static Workload layered(int levels, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<WorkTask> tasks = new ArrayList<>();
        for (int level = 0; level < levels; level++) {
            for (int k = 0; k < width; k++) {
                List<Integer> predecessors = new ArrayList<>();
                List<DataInput> inputs = new ArrayList<>();
                if (level > 0) {
                    int first = (level - 1) * width + random.nextInt(width);
                    int second = (level - 1) * width + random.nextInt(width);
                    predecessors.add(first);
                    inputs.add(DataInput.produced("out-" + first, 1L + random.nextInt(500_000_000), first));
                    if (second != first) {
                        predecessors.add(second);
                        inputs.add(DataInput.produced("out-" + second, 1L + random.nextInt(500_000_000), second));
                    }
                }
                tasks.add(new WorkTask("t" + level + "-" + k, 1 + random.nextDouble() * 59, predecessors, inputs,
                        "level-" + level, Resources.DEFAULT));
            }
        }
        return new Workload("layered", tasks);
    }
}
