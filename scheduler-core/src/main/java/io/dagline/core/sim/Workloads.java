package io.dagline.core.sim;

import io.dagline.core.model.DataRef;
import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import io.dagline.core.wfformat.WfFile;
import io.dagline.core.wfformat.WfTask;
import io.dagline.core.wfformat.WfWorkflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds workloads from recorded workflows and from submitted jobs. */
public final class Workloads {

    /** Runtime of a job's task that has no estimate. */
    public static final double DEFAULT_RUNTIME_SECONDS = 1.0;

    private Workloads() {
    }

    /**
     * A recorded workflow: a file a predecessor writes is read from where that predecessor ran; every other
     * input file is a workflow input, put at a site by {@code placement}. Pools are the kinds of the tasks.
     */
    public static Workload of(WfWorkflow workflow, List<String> sites, InputPlacement placement) {
        List<WfTask> wfTasks = workflow.tasks();
        Map<String, Integer> indexById = new HashMap<>();
        for (int i = 0; i < wfTasks.size(); i++) {
            indexById.put(wfTasks.get(i).id(), i);
        }
        Map<String, List<Integer>> producers = new HashMap<>();
        for (int i = 0; i < wfTasks.size(); i++) {
            for (WfFile file : wfTasks.get(i).outputFiles()) {
                producers.computeIfAbsent(file.name(), name -> new ArrayList<>()).add(i);
            }
        }
        List<List<DataInput>> inputs = new ArrayList<>();
        Map<String, List<Integer>> externalConsumers = new LinkedHashMap<>();
        Map<String, Long> externalSizes = new HashMap<>();
        for (int i = 0; i < wfTasks.size(); i++) {
            WfTask task = wfTasks.get(i);
            Set<Integer> predecessors = new HashSet<>();
            task.parents().forEach(parent -> predecessors.add(indexById.get(parent)));
            List<DataInput> taskInputs = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (WfFile file : task.inputFiles()) {
                if (!seen.add(file.name())) {
                    continue;
                }
                int producer = producers.getOrDefault(file.name(), List.of()).stream()
                        .filter(predecessors::contains).findFirst().orElse(-1);
                if (producer >= 0) {
                    taskInputs.add(DataInput.produced(file.name(), file.sizeBytes(), producer));
                } else {
                    taskInputs.add(null);
                    externalConsumers.computeIfAbsent(file.name(), name -> new ArrayList<>()).add(i);
                    externalSizes.put(file.name(), file.sizeBytes());
                }
            }
            inputs.add(taskInputs);
        }
        Map<String, InputPlacement.Located> located = placement.place(new ArrayList<>(externalConsumers.keySet()),
                externalConsumers, sites);
        List<WorkTask> tasks = new ArrayList<>(wfTasks.size());
        for (int i = 0; i < wfTasks.size(); i++) {
            WfTask task = wfTasks.get(i);
            List<DataInput> resolved = new ArrayList<>();
            List<WfFile> files = distinct(task.inputFiles());
            for (int f = 0; f < files.size(); f++) {
                DataInput input = inputs.get(i).get(f);
                if (input == null) {
                    InputPlacement.Located at = located.get(files.get(f).name());
                    input = DataInput.external(files.get(f).name(), files.get(f).sizeBytes(), at.site(), at.immovable());
                }
                resolved.add(input);
            }
            List<Integer> predecessors = task.parents().stream().map(indexById::get).toList();
            tasks.add(new WorkTask(task.id(), task.runtimeSeconds(), predecessors, resolved,
                    TaskKinds.kindOf(task.id()), null));
        }
        return new Workload(workflow.name(), tasks);
    }

    /**
     * A submitted job: data references with a site stay there (immovable ones pin their task); references
     * without a site are taken as free to read, because a job does not say which task wrote them.
     */
    public static Workload of(JobSpec job) {
        Map<String, Integer> indexById = new HashMap<>();
        for (int i = 0; i < job.tasks().size(); i++) {
            indexById.put(job.tasks().get(i).id(), i);
        }
        List<WorkTask> tasks = new ArrayList<>();
        for (TaskSpec task : job.tasks()) {
            List<Integer> predecessors = task.dependencies().stream().map(indexById::get).toList();
            List<DataInput> inputs = new ArrayList<>();
            for (DataRef ref : task.inputs()) {
                inputs.add(DataInput.external(ref.uri(), ref.sizeBytes(), ref.site(), ref.immovable() && ref.site() != null));
            }
            double runtime = task.runtimeEstimateMs() == null ? DEFAULT_RUNTIME_SECONDS
                    : task.runtimeEstimateMs() / 1000.0;
            String pool = task.pool() != null ? task.pool() : job.pool() != null ? job.pool() : "default";
            tasks.add(new WorkTask(task.id(), runtime, predecessors, inputs, pool, task.resources()));
        }
        return new Workload(job.name(), tasks);
    }

    private static List<WfFile> distinct(List<WfFile> files) {
        Set<String> seen = new HashSet<>();
        return files.stream().filter(file -> seen.add(file.name())).toList();
    }
}
