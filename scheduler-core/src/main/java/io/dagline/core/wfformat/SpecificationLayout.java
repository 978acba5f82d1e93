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
        Map<String, Double> runtimeByTask = runtimes(workflow.get("execution"));
        Map<String, List<String>> commandByTask = commands(workflow.get("execution"));
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
                    runtimeByTask.getOrDefault(id, 0.0),
                    files(Json.strings(node, "inputFiles", where), sizeByFile),
                    files(Json.strings(node, "outputFiles", where), sizeByFile),
                    commandByTask.getOrDefault(id, List.of())));
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

    private static Map<String, Double> runtimes(JsonNode execution) {
        Map<String, Double> runtimes = new HashMap<>();
        if (execution == null) {
            return runtimes;
        }
        List<JsonNode> tasks = Json.elements(execution, "tasks", "workflow.execution");
        for (int position = 0; position < tasks.size(); position++) {
            String where = "workflow.execution.tasks[" + position + "]";
            JsonNode task = tasks.get(position);
            runtimes.put(Json.text(task, "id"), Json.nonNegativeNumber(task, where, "runtimeInSeconds", "runtime"));
        }
        return runtimes;
    }

    private static Map<String, List<String>> commands(JsonNode execution) {
        Map<String, List<String>> commands = new HashMap<>();
        if (execution == null) {
            return commands;
        }
        List<JsonNode> tasks = Json.elements(execution, "tasks", "workflow.execution");
        for (int position = 0; position < tasks.size(); position++) {
            JsonNode task = tasks.get(position);
            commands.put(Json.text(task, "id"), Json.command(task, "workflow.execution.tasks[" + position + "]"));
        }
        return commands;
    }

    /** A file the specification does not list has size 0: its size was not recorded, the graph is still fine. */
    private static List<WfFile> files(List<String> names, Map<String, Long> sizeByFile) {
        return names.stream().map(name -> new WfFile(name, sizeByFile.getOrDefault(name, 0L))).toList();
    }
}
