package io.dagline.core.validation;

/** The values of {@link ValidationProblem#code()}; strings so that they travel unchanged through APIs. */
public final class ProblemCodes {

    public static final String EMPTY_JOB = "EMPTY_JOB";
    public static final String INVALID_JOB_ID = "INVALID_JOB_ID";
    public static final String TOO_MANY_TASKS = "TOO_MANY_TASKS";
    public static final String MISSING_TASK_ID = "MISSING_TASK_ID";
    public static final String INVALID_TASK_ID = "INVALID_TASK_ID";
    public static final String DUPLICATE_TASK_ID = "DUPLICATE_TASK_ID";
    public static final String MISSING_FUNCTION = "MISSING_FUNCTION";
    public static final String INVALID_RESOURCES = "INVALID_RESOURCES";
    public static final String INVALID_TIMEOUT = "INVALID_TIMEOUT";
    public static final String INVALID_MAX_ATTEMPTS = "INVALID_MAX_ATTEMPTS";
    public static final String INVALID_RUNTIME_ESTIMATE = "INVALID_RUNTIME_ESTIMATE";
    public static final String ARGS_TOO_LARGE = "ARGS_TOO_LARGE";
    public static final String TEXT_TOO_LONG = "TEXT_TOO_LONG";
    public static final String TOO_MANY_DEPENDENCIES = "TOO_MANY_DEPENDENCIES";
    public static final String UNKNOWN_DEPENDENCY = "UNKNOWN_DEPENDENCY";
    public static final String SELF_DEPENDENCY = "SELF_DEPENDENCY";
    public static final String DUPLICATE_DEPENDENCY = "DUPLICATE_DEPENDENCY";
    public static final String CYCLE = "CYCLE";

    private ProblemCodes() {
    }
}
