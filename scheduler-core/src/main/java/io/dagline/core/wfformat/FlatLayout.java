package io.dagline.core.wfformat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Schemas 1.3 and 1.4: a flat {@code workflow.tasks[]} ({@code workflow.jobs[]} before that) whose parents
 * and children name tasks by {@code name}; each task carries its runtime ({@code runtimeInSeconds} or
 * {@code runtime}) and its files ({@code link} "input" or "output", {@code sizeInBytes} or {@code size}).
 */
final class FlatLayout {

    private FlatLayout() {
    }

    static boolean matches(JsonNode workflow) {
        return workflow.has("tasks") || workflow.has("jobs");
    }

    static List<RecordedTask> read(JsonNode workflow) {
        String listName = workflow.has("tasks") ? "tasks" : "jobs";
        List<JsonNode> nodes = Json.elements(workflow, listName, "workflow");
        List<RecordedTask> tasks = new ArrayList<>();
        for (int position = 0; position < nodes.size(); position++) {
            JsonNode node = nodes.get(position);
            String where = "workflow." + listName + "[" + position + "]";
            String name = Json.text(node, "name", "id");
            if (name == null) {
                throw new WfFormatException(where + " has neither name nor id");
            }
            List<WfFile> inputs = new ArrayList<>();
            List<WfFile> outputs = new ArrayList<>();
            readFiles(node, where, inputs, outputs);
            double runtimeSeconds = Json.nonNegativeNumber(node, where, "runtimeInSeconds", "runtime");
            tasks.add(new RecordedTask(name, Json.strings(node, "parents", where),
                    Json.strings(node, "children", where), runtimeSeconds, inputs, outputs, Json.command(node, where)));
        }
        return tasks;
    }

    private static void readFiles(JsonNode task, String where, List<WfFile> inputs, List<WfFile> outputs) {
        List<JsonNode> files = Json.elements(task, "files", where);
        for (int position = 0; position < files.size(); position++) {
            JsonNode file = files.get(position);
            String fileWhere = where + ".files[" + position + "]";
            String name = Json.text(file, "name", "id", "fileId");
            if (name == null) {
                throw new WfFormatException(fileWhere + " has no name");
            }
            WfFile read = new WfFile(name, (long) Json.nonNegativeNumber(file, fileWhere, "sizeInBytes", "size"));
            String link = Json.text(file, "link");
            if ("input".equals(link)) {
                inputs.add(read);
            } else if ("output".equals(link)) {
                outputs.add(read);
            } else {
                throw new WfFormatException(fileWhere + ": \"link\" must be \"input\" or \"output\", was " + link);
            }
        }
    }
}
