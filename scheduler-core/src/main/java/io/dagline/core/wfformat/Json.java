package io.dagline.core.wfformat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Lenient reads of optional WfFormat fields, with errors that say which field of which task is wrong. */
final class Json {

    private Json() {
    }

    /** The text of the first present field of {@code names}, or null. */
    static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode field = node.get(name);
            if (field != null && !field.isNull()) {
                return field.asText();
            }
        }
        return null;
    }

    /** The strings of an array field; empty when the field is absent. */
    static List<String> strings(JsonNode node, String name, String where) {
        JsonNode array = node.get(name);
        List<String> values = new ArrayList<>();
        if (array == null || array.isNull()) {
            return values;
        }
        if (!array.isArray()) {
            throw new WfFormatException(where + ": \"" + name + "\" is not an array");
        }
        for (JsonNode element : array) {
            values.add(element.asText());
        }
        return values;
    }

    /** The elements of an array field; empty when the field is absent. */
    static List<JsonNode> elements(JsonNode node, String name, String where) {
        JsonNode array = node.get(name);
        List<JsonNode> values = new ArrayList<>();
        if (array == null || array.isNull()) {
            return values;
        }
        if (!array.isArray()) {
            throw new WfFormatException(where + ": \"" + name + "\" is not an array");
        }
        array.forEach(values::add);
        return values;
    }

    /** The recorded {@code command} ({@code program}, then {@code arguments}) as one list; empty when none. */
    static List<String> command(JsonNode task, String where) {
        JsonNode command = task.get("command");
        if (command == null || !command.isObject()) {
            return List.of();
        }
        String program = text(command, "program");
        if (program == null || program.isBlank()) {
            return List.of();
        }
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(strings(command, "arguments", where + ".command"));
        return argv;
    }

    /** The first present numeric field of {@code names}; 0 when none is present. Never negative. */
    static double nonNegativeNumber(JsonNode node, String where, String... names) {
        for (String name : names) {
            JsonNode field = node.get(name);
            if (field != null && !field.isNull()) {
                if (!field.isNumber() || !Double.isFinite(field.asDouble()) || field.asDouble() < 0) {
                    throw new WfFormatException(where + ": \"" + name + "\" must be a non-negative number, was "
                            + field);
                }
                return field.asDouble();
            }
        }
        return 0;
    }
}
