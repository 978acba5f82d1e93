package io.dagline.core.validation;

import java.util.List;

/**
 * One thing wrong with a submitted job.
 *
 * @param code one of {@link ProblemCodes}
 * @param message a sentence for humans that names the task, dependency or cycle involved
 * @param taskId the task the problem is about, or null when it is about the job or the task has no id
 * @param dependency the dependency the problem is about, or null
 * @param cycle only for {@link ProblemCodes#CYCLE}: task ids along the cycle in execution order
 *     (each task depends on the one before it), the first task repeated at the end; otherwise null
 */
public record ValidationProblem(String code, String message, String taskId, String dependency, List<String> cycle) {

    public ValidationProblem {
        cycle = cycle == null ? null : List.copyOf(cycle);
    }

    static ValidationProblem of(String code, String taskId, String message) {
        return new ValidationProblem(code, message, taskId, null, null);
    }
}
