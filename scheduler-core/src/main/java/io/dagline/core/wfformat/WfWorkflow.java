package io.dagline.core.wfformat;

import java.util.List;

/**
 * A workflow read from WfCommons' WfFormat (https://github.com/wfcommons/wfformat), reduced to what Dagline
 * replays: the graph, the runtimes and the files. Task ids are unique and every parent names a task.
 *
 * @param name the document's {@code name}, or null
 * @param schemaVersion the document's {@code schemaVersion}, e.g. "1.5", or null
 */
public record WfWorkflow(String name, String schemaVersion, List<WfTask> tasks) {

    public WfWorkflow {
        tasks = List.copyOf(tasks);
    }

    public int edgeCount() {
        return tasks.stream().mapToInt(task -> task.parents().size()).sum();
    }
}
