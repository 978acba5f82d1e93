package io.dagline.core.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects problems up to a cap: a client gains nothing from the ten-thousandth copy of the same mistake. */
final class CappedProblemList {

    private final int cap;
    private final List<ValidationProblem> problems = new ArrayList<>();
    private boolean structural;

    CappedProblemList(int cap) {
        this.cap = cap;
    }

    void add(ValidationProblem problem) {
        if (isFull()) {
            return;
        }
        problems.add(problem);
        structural |= makesCycleSearchMeaningless(problem.code());
    }

    boolean isFull() {
        return problems.size() >= cap;
    }

    /** True when an unknown or duplicated reference was found, so the dependency graph is not well defined. */
    boolean hasStructuralProblem() {
        return structural;
    }

    List<ValidationProblem> toList() {
        return List.copyOf(problems);
    }

    private static boolean makesCycleSearchMeaningless(String code) {
        return code.equals(ProblemCodes.UNKNOWN_DEPENDENCY)
                || code.equals(ProblemCodes.DUPLICATE_TASK_ID)
                || code.equals(ProblemCodes.DUPLICATE_DEPENDENCY);
    }
}
