package io.dagline.core.wfformat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads WfCommons WfFormat documents, schema 1.5 and the older flat layout of 1.3 and 1.4.
 *
 * <p>The layout is recognised by its shape, not by {@code schemaVersion}: instances in the wild carry
 * versions that do not match their layout. An edge is taken from either end, because older instances often
 * list only parents, some only children.
 */
public final class WfFormatReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WfFormatReader() {
    }

    public static WfWorkflow read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (WfFormatException e) {
            throw new WfFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static WfWorkflow read(InputStream in) throws IOException {
        return fromTree(parse(() -> MAPPER.readTree(in)));
    }

    public static WfWorkflow parse(String json) {
        try {
            return fromTree(parse(() -> MAPPER.readTree(json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface TreeSource {
        JsonNode read() throws IOException;
    }

    private static JsonNode parse(TreeSource source) throws IOException {
        try {
            return source.read();
        } catch (JsonProcessingException e) {
            throw new WfFormatException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static WfWorkflow fromTree(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("workflow").isObject()) {
            throw new WfFormatException("no \"workflow\" object: not a WfFormat document");
        }
        JsonNode workflow = root.get("workflow");
        List<RecordedTask> recorded;
        if (workflow.path("specification").isObject()) {
            recorded = SpecificationLayout.read(workflow);
        } else if (FlatLayout.matches(workflow)) {
            recorded = FlatLayout.read(workflow);
        } else {
            throw new WfFormatException("\"workflow\" has neither \"specification\" (schema 1.5) nor \"tasks\""
                    + " (schemas 1.3 and 1.4)");
        }
        return new WfWorkflow(Json.text(root, "name"), Json.text(root, "schemaVersion"), link(recorded));
    }

    /** Merges parent and child lists into each task's parents, checking that every reference names a task. */
    private static List<WfTask> link(List<RecordedTask> recorded) {
        Map<String, Set<String>> parentsById = new LinkedHashMap<>();
        for (RecordedTask task : recorded) {
            if (parentsById.putIfAbsent(task.id(), new LinkedHashSet<>()) != null) {
                throw new WfFormatException("task \"" + task.id() + "\" appears more than once");
            }
        }
        for (RecordedTask task : recorded) {
            for (String parent : task.parents()) {
                requireKnown(parentsById, parent, task.id(), "parent");
                parentsById.get(task.id()).add(parent);
            }
        }
        for (RecordedTask task : recorded) {
            for (String child : task.children()) {
                requireKnown(parentsById, child, task.id(), "child");
                parentsById.get(child).add(task.id());
            }
        }
        List<WfTask> tasks = new ArrayList<>(recorded.size());
        for (RecordedTask task : recorded) {
            tasks.add(new WfTask(task.id(), new ArrayList<>(parentsById.get(task.id())), task.runtimeSeconds(),
                    task.inputFiles(), task.outputFiles(), task.command()));
        }
        return tasks;
    }

    private static void requireKnown(Map<String, Set<String>> tasks, String reference, String taskId, String role) {
        if (!tasks.containsKey(reference)) {
            throw new WfFormatException("task \"" + taskId + "\" names unknown " + role + " \"" + reference + "\"");
        }
    }
}
