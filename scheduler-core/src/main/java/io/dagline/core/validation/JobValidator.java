package io.dagline.core.validation;

import io.dagline.core.model.Ids;
import io.dagline.core.model.JobSpec;
import io.dagline.core.model.Resources;
import io.dagline.core.model.TaskSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a submitted job before anything is scheduled, reporting every problem it can find (up to
 * {@value #MAX_PROBLEMS}) so that a client can fix its job in one round trip.
 *
 * <p>Problems come in a stable order: job-level problems first, then each task's problems in job order,
 * then at most one cycle. Runs in time linear in tasks plus dependencies.
 */
public final class JobValidator {

    public static final int MAX_PROBLEMS = 100;
    /** The longest job name, function, pool or site: names are shown in every list and page. */
    public static final int MAX_NAME_LENGTH = 256;
    /** The longest input URI. */
    public static final int MAX_URI_LENGTH = 4096;

    private final ValidationLimits limits;

    public JobValidator(ValidationLimits limits) {
        this.limits = limits;
    }

    public JobValidator() {
        this(ValidationLimits.defaults());
    }

    /** Returns the job's problems, empty when the job is valid. */
    public List<ValidationProblem> validate(JobSpec job) {
        CappedProblemList problems = new CappedProblemList(MAX_PROBLEMS);
        if (job.jobId() != null && !Ids.isValid(job.jobId())) {
            problems.add(Problems.invalidJobId(job.jobId()));
        }
        checkLength(null, "name", job.name(), MAX_NAME_LENGTH, problems);
        checkLength(null, "pool", job.pool(), MAX_NAME_LENGTH, problems);
        List<TaskSpec> tasks = job.tasks();
        if (tasks.isEmpty()) {
            problems.add(Problems.emptyJob(job.jobId()));
            return problems.toList();
        }
        if (tasks.size() > limits.maxTasks()) {
            // Analysing a huge job is exactly the work the limit exists to avoid.
            problems.add(Problems.tooManyTasks(tasks.size(), limits.maxTasks()));
            return problems.toList();
        }
        Map<String, Integer> positionById = firstPositionById(tasks);
        for (int position = 0; position < tasks.size() && !problems.isFull(); position++) {
            checkTask(tasks.get(position), position, positionById, problems);
        }
        if (!problems.isFull() && !problems.hasStructuralProblem()) {
            checkForCycle(tasks, positionById, problems);
        }
        return problems.toList();
    }

    /** Returns the job when it is valid; throws with all its problems otherwise. */
    public JobSpec requireValid(JobSpec job) {
        List<ValidationProblem> problems = validate(job);
        if (!problems.isEmpty()) {
            throw new JobValidationException(problems);
        }
        return job;
    }

    private static Map<String, Integer> firstPositionById(List<TaskSpec> tasks) {
        Map<String, Integer> positionById = new HashMap<>(tasks.size() * 2);
        for (int position = 0; position < tasks.size(); position++) {
            TaskSpec task = tasks.get(position);
            if (task != null && task.id() != null) {
                positionById.putIfAbsent(task.id(), position);
            }
        }
        return positionById;
    }

    private void checkTask(TaskSpec task, int position, Map<String, Integer> positionById,
            CappedProblemList problems) {
        if (task == null || task.id() == null) {
            problems.add(Problems.missingTaskId(position));
            if (task == null) {
                return;
            }
        } else if (!Ids.isValid(task.id())) {
            problems.add(Problems.invalidTaskId(task.id()));
        } else if (positionById.get(task.id()) != position) {
            problems.add(Problems.duplicateTaskId(task.id(), positionById.get(task.id()), position));
        }
        TaskRef ref = new TaskRef(task.id(), position);
        if (task.function() == null || task.function().isBlank()) {
            problems.add(Problems.missingFunction(ref));
        }
        checkTextLengths(task, problems);
        checkResources(ref, task.resources(), problems);
        checkAttemptSettings(ref, task, problems);
        long argsBytes = Utf8.argsBytes(task.args());
        if (argsBytes > limits.maxArgsBytesPerTask()) {
            problems.add(Problems.argsTooLarge(ref, argsBytes, limits.maxArgsBytesPerTask()));
        }
        checkDependencies(ref, task.dependencies(), positionById, problems);
    }

    /** Free text of a task that no other limit bounds: its function, pool, site and inputs. */
    private static void checkTextLengths(TaskSpec task, CappedProblemList problems) {
        checkLength(task.id(), "function", task.function(), MAX_NAME_LENGTH, problems);
        checkLength(task.id(), "pool", task.pool(), MAX_NAME_LENGTH, problems);
        checkLength(task.id(), "site", task.site(), MAX_NAME_LENGTH, problems);
        for (var input : task.inputs()) {
            checkLength(task.id(), "input uri", input.uri(), MAX_URI_LENGTH, problems);
            checkLength(task.id(), "input site", input.site(), MAX_NAME_LENGTH, problems);
        }
    }

    private static void checkLength(String taskId, String field, String value, int limit, CappedProblemList problems) {
        if (value != null && value.length() > limit) {
            problems.add(Problems.textTooLong(taskId, field, value.length(), limit));
        }
    }

    private void checkResources(TaskRef ref, Resources resources, CappedProblemList problems) {
        List<String> reasons = new ArrayList<>(2);
        double cpu = resources.cpu();
        if (!Double.isFinite(cpu)) {
            reasons.add("cpu " + cpu + " is not a finite number");
        } else if (cpu < 0) {
            reasons.add("cpu " + cpu + " is negative");
        } else if (cpu > limits.maxCpu()) {
            reasons.add("cpu " + cpu + " exceeds the limit of " + limits.maxCpu());
        }
        long memoryMb = resources.memoryMb();
        if (memoryMb < 0) {
            reasons.add("memory " + memoryMb + " MB is negative");
        } else if (memoryMb > limits.maxMemoryMb()) {
            reasons.add("memory " + memoryMb + " MB exceeds the limit of " + limits.maxMemoryMb() + " MB");
        }
        if (!reasons.isEmpty()) {
            problems.add(Problems.invalidResources(ref, String.join("; ", reasons)));
        }
    }

    private void checkAttemptSettings(TaskRef ref, TaskSpec task, CappedProblemList problems) {
        if (task.timeoutMs() != null && task.timeoutMs() <= 0) {
            problems.add(Problems.invalidTimeout(ref, task.timeoutMs()));
        }
        if (task.maxAttempts() != null && (task.maxAttempts() < 1 || task.maxAttempts() > limits.maxAttempts())) {
            problems.add(Problems.invalidMaxAttempts(ref, task.maxAttempts(), limits.maxAttempts()));
        }
        if (task.runtimeEstimateMs() != null && task.runtimeEstimateMs() < 0) {
            problems.add(Problems.invalidRuntimeEstimate(ref, task.runtimeEstimateMs()));
        }
    }

    private void checkDependencies(TaskRef ref, List<String> dependencies, Map<String, Integer> positionById,
            CappedProblemList problems) {
        if (dependencies.size() > limits.maxDependenciesPerTask()) {
            problems.add(Problems.tooManyDependencies(ref, dependencies.size(), limits.maxDependenciesPerTask()));
        }
        Set<String> seen = dependencies.size() > 1 ? new HashSet<>(dependencies.size() * 2) : Set.of();
        for (int i = 0; i < dependencies.size() && !problems.isFull(); i++) {
            String dependency = dependencies.get(i);
            if (dependency == null || !positionById.containsKey(dependency)) {
                problems.add(Problems.unknownDependency(ref, dependency));
            } else if (dependency.equals(ref.id())) {
                problems.add(Problems.selfDependency(ref));
            } else if (dependencies.size() > 1 && !seen.add(dependency)) {
                problems.add(Problems.duplicateDependency(ref, dependency));
            }
        }
    }

    /** Only called when every dependency names exactly one task and appears once per task. */
    private static void checkForCycle(List<TaskSpec> tasks, Map<String, Integer> positionById,
            CappedProblemList problems) {
        int[] cycle = CycleFinder.findCycle(successorsByPosition(tasks, positionById));
        if (cycle == null) {
            return;
        }
        List<String> path = new ArrayList<>(cycle.length);
        for (int position : cycle) {
            path.add(tasks.get(position).id());
        }
        problems.add(Problems.cycle(path));
    }

    /** Edges point from a dependency to its dependent, so a found cycle reads in execution order. */
    private static int[][] successorsByPosition(List<TaskSpec> tasks, Map<String, Integer> positionById) {
        int n = tasks.size();
        int[] outDegree = new int[n];
        for (int position = 0; position < n; position++) {
            for (String dependency : dependenciesOf(tasks.get(position))) {
                int from = positionById.get(dependency);
                if (from != position) {
                    outDegree[from]++;
                }
            }
        }
        int[][] successors = new int[n][];
        for (int position = 0; position < n; position++) {
            successors[position] = new int[outDegree[position]];
            outDegree[position] = 0;
        }
        for (int position = 0; position < n; position++) {
            for (String dependency : dependenciesOf(tasks.get(position))) {
                int from = positionById.get(dependency);
                if (from != position) {
                    successors[from][outDegree[from]++] = position;
                }
            }
        }
        return successors;
    }

    private static List<String> dependenciesOf(TaskSpec task) {
        return task == null ? List.of() : task.dependencies();
    }
}
