package io.dagline.core.testing;

import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Short ways to write jobs in tests. */
public final class Jobs {

    private Jobs() {
    }

    public static JobSpec job(TaskSpec... tasks) {
        return job(Arrays.asList(tasks));
    }

    public static JobSpec job(List<TaskSpec> tasks) {
        return new JobSpec("job-1", "test job", null, tasks);
    }

    public static TaskSpec task(String id, String... dependencies) {
        return TaskSpec.of(id, "fn", Arrays.asList(dependencies));
    }

    /** {@code t0 <- t1 <- ... <- t(n-1)}: each task depends on the one before it. */
    public static List<TaskSpec> chain(String prefix, int length) {
        List<TaskSpec> tasks = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            tasks.add(i == 0 ? task(prefix + i) : task(prefix + i, prefix + (i - 1)));
        }
        return tasks;
    }

    /**
     * A ladder of diamonds: a hub fans out to {@code width} tasks that fan back in to the next hub,
     * {@code rungs} times.
     */
    public static List<TaskSpec> diamondLadder(int rungs, int width) {
        List<TaskSpec> tasks = new ArrayList<>();
        tasks.add(task("hub0"));
        for (int rung = 0; rung < rungs; rung++) {
            String[] middle = new String[width];
            for (int w = 0; w < width; w++) {
                middle[w] = "r" + rung + "w" + w;
                tasks.add(task(middle[w], "hub" + rung));
            }
            tasks.add(task("hub" + (rung + 1), middle));
        }
        return tasks;
    }

    /**
     * A fan-out into {@code branches} chains of {@code length} tasks that fan back in: "source", then chains
     * "b{branch}s{step}", then "sink". Listed step by step across the branches, so that job order does not
     * give the branches away.
     */
    public static List<TaskSpec> branches(int branches, int length) {
        List<TaskSpec> tasks = new ArrayList<>();
        tasks.add(task("source"));
        String[] tails = new String[branches];
        for (int step = 0; step < length; step++) {
            for (int branch = 0; branch < branches; branch++) {
                String id = "b" + branch + "s" + step;
                tasks.add(task(id, step == 0 ? "source" : "b" + branch + "s" + (step - 1)));
                tails[branch] = id;
            }
        }
        tasks.add(task("sink", tails));
        return tasks;
    }

    /** {@code chains} independent chains of {@code length} tasks, listed step by step across the chains. */
    public static List<TaskSpec> interleavedChains(int chains, int length) {
        List<TaskSpec> tasks = new ArrayList<>();
        for (int step = 0; step < length; step++) {
            for (int chain = 0; chain < chains; chain++) {
                String previous = "c" + chain + "s" + (step - 1);
                tasks.add(step == 0 ? task("c" + chain + "s0") : task("c" + chain + "s" + step, previous));
            }
        }
        return tasks;
    }

    public static TaskSpec withDependencies(TaskSpec task, List<String> dependencies) {
        return new TaskSpec(task.id(), task.function(), task.args(), dependencies, task.resources(),
                task.runtimeEstimateMs(), task.timeoutMs(), task.maxAttempts(), task.inputs(), task.pool(), task.site());
    }
}
