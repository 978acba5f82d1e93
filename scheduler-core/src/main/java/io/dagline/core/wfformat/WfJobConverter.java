package io.dagline.core.wfformat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dagline.core.model.DataRef;
import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a recorded workflow into a job that replays it: every task runs the built-in {@value #FUNCTION}
 * function with its recorded runtime and its recorded command ({@value #COMMAND_ARG}, which executors that
 * allow its program run instead of sleeping), depends on its parents, and names its input files as data references
 * {@code wf://<file name>} with their recorded sizes, so that locality-aware placement can weigh them.
 */
public final class WfJobConverter {

    public static final String FUNCTION = "replay";
    public static final String RUNTIME_ARG = "runtimeSeconds";
    /** The recorded command as a JSON array; executors that allow its program run it instead of sleeping. */
    public static final String COMMAND_ARG = "argv";
    public static final String URI_SCHEME = "wf://";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WfJobConverter() {
    }

    /** A job without id: the gateway assigns one. */
    public static JobSpec toJob(WfWorkflow workflow) {
        return toJob(workflow, null);
    }

    public static JobSpec toJob(WfWorkflow workflow, String jobId) {
        Map<String, String> idOf = TaskIds.assign(workflow.tasks().stream().map(WfTask::id).toList());
        List<TaskSpec> tasks = new ArrayList<>(workflow.tasks().size());
        for (WfTask task : workflow.tasks()) {
            tasks.add(toTask(task, idOf));
        }
        return new JobSpec(jobId, workflow.name(), null, tasks);
    }

    private static TaskSpec toTask(WfTask task, Map<String, String> idOf) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put(RUNTIME_ARG, plain(task.runtimeSeconds()));
        if (!task.command().isEmpty()) {
            args.put(COMMAND_ARG, JSON.valueToTree(task.command()).toString());
        }
        List<String> dependencies = task.parents().stream().map(idOf::get).toList();
        List<DataRef> inputs = task.inputFiles().stream()
                .map(file -> new DataRef(URI_SCHEME + file.name(), file.sizeBytes(), null, false))
                .toList();
        return new TaskSpec(idOf.get(task.id()), FUNCTION, args, dependencies, null,
                Math.round(task.runtimeSeconds() * 1000), null, null, inputs, null, null);
    }

    /** "12.5", "0.054023", "3": no exponent, no trailing zeros, so that any reader parses it. */
    static String plain(double seconds) {
        return BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
    }
}
