package io.dagline.core.wfformat;

import java.util.List;

/** A task as one schema layout records it, before parents and children are reconciled into one edge list. */
record RecordedTask(String id, List<String> parents, List<String> children, double runtimeSeconds,
        List<WfFile> inputFiles, List<WfFile> outputFiles, List<String> command) {
}
