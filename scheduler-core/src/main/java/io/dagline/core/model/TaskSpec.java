package io.dagline.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task of a job as the client submitted it.
 *
 * <p>Nullable: {@code runtimeEstimateMs}, {@code timeoutMs}, {@code maxAttempts}, {@code pool}, {@code site}
 * (meaning "not specified, use the default"). Null collections become empty and null resources become
 * {@link Resources#DEFAULT}. A null {@code id} or {@code function} is kept as is because the validator,
 * not the constructor, is where a client learns what is wrong with its job.
 *
 * <p>Collections are copied into unmodifiable ones that tolerate null elements for the same reason;
 * {@code args} keeps its insertion order so that serialising a task is deterministic.
 */
public record TaskSpec(
        String id,
        String function,
        Map<String, String> args,
        List<String> dependencies,
        Resources resources,
        Long runtimeEstimateMs,
        Long timeoutMs,
        Integer maxAttempts,
        List<DataRef> inputs,
        String pool,
        String site) {

    public TaskSpec {
        args = args == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(args));
        dependencies = immutableCopy(dependencies);
        inputs = immutableCopy(inputs);
        resources = resources == null ? Resources.DEFAULT : resources;
    }

    public static TaskSpec of(String id, String function, List<String> dependencies) {
        return new TaskSpec(id, function, null, dependencies, null, null, null, null, null, null, null);
    }

    static <T> List<T> immutableCopy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
