package io.dagline.core.validation;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link JobValidator#requireValid} for a job with at least one problem. */
public final class JobValidationException extends RuntimeException {

    private static final int PROBLEMS_IN_MESSAGE = 5;

    private final transient List<ValidationProblem> problems;

    public JobValidationException(List<ValidationProblem> problems) {
        super(summarise(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ValidationProblem> problems() {
        return problems;
    }

    private static String summarise(List<ValidationProblem> problems) {
        String shown = problems.stream()
                .limit(PROBLEMS_IN_MESSAGE)
                .map(ValidationProblem::message)
                .collect(Collectors.joining("; "));
        int hidden = problems.size() - PROBLEMS_IN_MESSAGE;
        return "invalid job (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "): "
                + shown + (hidden > 0 ? "; and " + hidden + " more" : "");
    }
}
