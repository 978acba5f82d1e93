package io.dagline.core.wfformat;

import java.util.List;

/**
 * One task of a WfFormat workflow, as recorded.
 *
 * @param id the task's id in schema 1.5, its name in older schemas (the key its parents are named by)
 * @param parents the ids of the tasks it depends on, each once: those it lists as parents, then those listing
 *     it as a child
 * @param runtimeSeconds the measured runtime, 0 when none was recorded
 * @param command the recorded program and its arguments, empty when none was recorded
 */
public record WfTask(String id, List<String> parents, double runtimeSeconds, List<WfFile> inputFiles,
        List<WfFile> outputFiles, List<String> command) {

    public WfTask {
        parents = List.copyOf(parents);
        inputFiles = List.copyOf(inputFiles);
        outputFiles = List.copyOf(outputFiles);
        command = List.copyOf(command);
    }

    public WfTask(String id, List<String> parents, double runtimeSeconds, List<WfFile> inputFiles,
            List<WfFile> outputFiles) {
        this(id, parents, runtimeSeconds, inputFiles, outputFiles, List.of());
    }
}
