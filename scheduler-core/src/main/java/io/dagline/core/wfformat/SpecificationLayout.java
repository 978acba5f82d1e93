package io.dagline.core.wfformat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Schema 1.5: the graph in {@code workflow.specification.tasks[]} (by id), file sizes in
 * {@code workflow.specification.files[]}, measured runtimes in {@code workflow.execution.tasks[]}.
 */
final class SpecificationLayout {

    private SpecificationLayout() {
    }

    static List<RecordedTask> read(JsonNode workflow) {
        JsonNode specification = workflow.get("specification");
        Map<String, Long> sizeByFile = fileSizes(specification);
        Map<String, Executed> executedByTask = executed(workflow.get("execution"));
        List<RecordedTask> tasks = new ArrayList<>();
        List<JsonNode> nodes = Json.elements(specification, "tasks", "workflow.specification");
        for (int position = 0; position < nodes.size(); position++) {
            JsonNode node = nodes.get(position);
            String id = Json.text(node, "id", "name");
            String where = "workflow.specification.tasks[" + position + "]";
            if (id == null) {
                throw new WfFormatException(where + " has neither id nor name");
            }
            tasks.add(new RecordedTask(id, Json.strings(node, "parents", where), Json.strings(node, "children", where),
                    executedByTask.getOrDefault(id, Executed.NOT_RECORDED).runtimeSeconds(),
                    files(Json.strings(node, "inputFiles", where), sizeByFile),
                    files(Json.strings(node, "outputFiles", where), sizeByFile),
                    executedByTask.getOrDefault(id, Executed.NOT_RECORDED).command()));
        }
        return tasks;
    }

    private static Map<String, Long> fileSizes(JsonNode specification) {
        Map<String, Long> sizes = new HashMap<>();
        List<JsonNode> files = Json.elements(specification, "files", "workflow.specification");
        for (int position = 0; position < files.size(); position++) {
            String where = "workflow.specification.files[" + position + "]";
            JsonNode file = files.get(position);
            sizes.put(Json.text(file, "id", "name"), (long) Json.nonNegativeNumber(file, where, "sizeInBytes", "size"));
        }
        return sizes;
    }

    /** What {@code workflow.execution.tasks[]} recorded of a task: its runtime and its command. */
    private record Executed(double runtimeSeconds, List<String> command) {
        static final Executed NOT_RECORDED = new Executed(0.0, List.of());
    }

    private static Map<String, Executed> executed(JsonNode execution) {
        Map<String, Executed> executed = new HashMap<>();
        if (execution == null) {
            return executed;
        }
        List<JsonNode> tasks = Json.elements(execution, "tasks", "workflow.execution");
        for (int position = 0; position < tasks.size(); position++) {
            String where = "workflow.execution.tasks[" + position + "]";
            JsonNode task = tasks.get(position);
            executed.put(Json.text(task, "id"), new Executed(
                    Json.nonNegativeNumber(task, where, "runtimeInSeconds", "runtime"), Json.command(task, where)));
        }
        return executed;
    }

    /** A file the specification does not list has size 0: its size was not recorded, the graph is still fine. */
    private static List<WfFile> files(List<String> names, Map<String, Long> sizeByFile) {
        return names.stream().map(name -> new WfFile(name, sizeByFile.getOrDefault(name, 0L))).toList();
    }
}
