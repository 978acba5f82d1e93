package io.dagline.core.validation;

import io.dagline.core.model.Ids;
import java.util.List;

/** Builds each kind of {@link ValidationProblem} with a message that names what is wrong. */
final class Problems {

    /** Ids in messages are cut so that a hostile 1 MB id does not produce a 1 MB error response. */
    private static final int MAX_QUOTED_LENGTH = 120;

    private Problems() {
    }

    static ValidationProblem emptyJob(String jobId) {
        String job = jobId == null ? "job" : "job " + quote(jobId);
        return ValidationProblem.of(ProblemCodes.EMPTY_JOB, null, job + " has no tasks");
    }

    static ValidationProblem invalidJobId(String jobId) {
        return ValidationProblem.of(ProblemCodes.INVALID_JOB_ID, null,
                "job id " + quote(jobId) + " is invalid: ids must match " + Ids.PATTERN_TEXT);
    }

    static ValidationProblem textTooLong(String taskId, String field, int length, int limit) {
        return ValidationProblem.of(ProblemCodes.TEXT_TOO_LONG, taskId,
                (taskId == null ? "job " : "task " + quote(taskId) + " ") + field + " has " + length
                        + " characters; the limit is " + limit);
    }

    static ValidationProblem tooManyTasks(int taskCount, int limit) {
        return ValidationProblem.of(ProblemCodes.TOO_MANY_TASKS, null,
                "job has " + taskCount + " tasks; the limit is " + limit);
    }

    static ValidationProblem missingTaskId(int position) {
        return ValidationProblem.of(ProblemCodes.MISSING_TASK_ID, null, "task at position " + position + " has no id");
    }

    static ValidationProblem invalidTaskId(String taskId) {
        return ValidationProblem.of(ProblemCodes.INVALID_TASK_ID, taskId,
                "task id " + quote(taskId) + " is invalid: ids must match " + Ids.PATTERN_TEXT);
    }

    static ValidationProblem duplicateTaskId(String taskId, int firstPosition, int position) {
        return ValidationProblem.of(ProblemCodes.DUPLICATE_TASK_ID, taskId,
                "task id " + quote(taskId) + " is used by more than one task (positions " + firstPosition
                        + " and " + position + ")");
    }

    static ValidationProblem missingFunction(TaskRef task) {
        return ValidationProblem.of(ProblemCodes.MISSING_FUNCTION, task.id(), task.label() + " has no function");
    }

    static ValidationProblem invalidResources(TaskRef task, String reason) {
        return ValidationProblem.of(ProblemCodes.INVALID_RESOURCES, task.id(),
                task.label() + " requests invalid resources: " + reason);
    }

    static ValidationProblem invalidTimeout(TaskRef task, long timeoutMs) {
        return ValidationProblem.of(ProblemCodes.INVALID_TIMEOUT, task.id(),
                task.label() + " has timeout " + timeoutMs + " ms; it must be positive");
    }

    static ValidationProblem invalidMaxAttempts(TaskRef task, int maxAttempts, int limit) {
        return ValidationProblem.of(ProblemCodes.INVALID_MAX_ATTEMPTS, task.id(),
                task.label() + " has maxAttempts " + maxAttempts + "; it must be between 1 and " + limit);
    }

    static ValidationProblem invalidRuntimeEstimate(TaskRef task, long runtimeEstimateMs) {
        return ValidationProblem.of(ProblemCodes.INVALID_RUNTIME_ESTIMATE, task.id(),
                task.label() + " has runtime estimate " + runtimeEstimateMs + " ms; it must not be negative");
    }

    static ValidationProblem argsTooLarge(TaskRef task, long bytes, int limit) {
        return ValidationProblem.of(ProblemCodes.ARGS_TOO_LARGE, task.id(),
                task.label() + " has " + bytes + " bytes of args; the limit is " + limit);
    }

    static ValidationProblem tooManyDependencies(TaskRef task, int count, int limit) {
        return ValidationProblem.of(ProblemCodes.TOO_MANY_DEPENDENCIES, task.id(),
                task.label() + " has " + count + " dependencies; the limit is " + limit);
    }

    static ValidationProblem unknownDependency(TaskRef task, String dependency) {
        String what = dependency == null ? "a null task" : "unknown task " + quote(dependency);
        return new ValidationProblem(ProblemCodes.UNKNOWN_DEPENDENCY, task.label() + " depends on " + what,
                task.id(), dependency, null);
    }

    static ValidationProblem selfDependency(TaskRef task) {
        return new ValidationProblem(ProblemCodes.SELF_DEPENDENCY, task.label() + " depends on itself",
                task.id(), task.id(), null);
    }

    static ValidationProblem duplicateDependency(TaskRef task, String dependency) {
        return new ValidationProblem(ProblemCodes.DUPLICATE_DEPENDENCY,
                task.label() + " lists dependency " + quote(dependency) + " more than once",
                task.id(), dependency, null);
    }

    static ValidationProblem cycle(List<String> path) {
        String shown = path.size() <= 50
                ? String.join(" -> ", path)
                : String.join(" -> ", path.subList(0, 25)) + " -> ... (" + (path.size() - 50) + " more) -> "
                        + String.join(" -> ", path.subList(path.size() - 25, path.size()));
        return new ValidationProblem(ProblemCodes.CYCLE, "cycle: " + shown, path.get(0), path.get(1), path);
    }

    static String quote(String value) {
        if (value.length() <= MAX_QUOTED_LENGTH) {
            return '"' + value + '"';
        }
        return '"' + value.substring(0, MAX_QUOTED_LENGTH) + "...\" (" + value.length() + " characters)";
    }
}
