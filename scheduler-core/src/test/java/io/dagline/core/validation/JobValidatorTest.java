package io.dagline.core.validation;

import static io.dagline.core.testing.Jobs.job;
import static io.dagline.core.testing.Jobs.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.core.model.JobSpec;
import io.dagline.core.model.Resources;
import io.dagline.core.model.TaskSpec;
import io.dagline.core.testing.Jobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobValidatorTest {

    private final JobValidator validator = new JobValidator(ValidationLimits.defaults());

    private static TaskSpec taskWith(String id, Resources resources, Long timeoutMs, Integer maxAttempts) {
        return new TaskSpec(id, "fn", null, null, resources, null, timeoutMs, maxAttempts, null, null, null);
    }

    @Test
    void shouldAcceptValidDag() {
        // given a diamond plus an independent task
        JobSpec job = job(task("a"), task("b", "a"), task("c", "a"), task("d", "b", "c"), task("lonely"));

        // when
        List<ValidationProblem> problems = validator.validate(job);

        // then
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldRejectEmptyJob() {
        List<ValidationProblem> problems = validator.validate(new JobSpec("job-1", "n", null, null));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.EMPTY_JOB);
            assertThat(p.message()).contains("\"job-1\"").contains("no tasks");
        });
    }

    @Test
    void shouldRejectFreeTextOverItsLimitNamingTheField() {
        TaskSpec longFunction = new TaskSpec("t", "f".repeat(300), Map.of(), List.of(), null, null, null, null,
                List.of(new io.dagline.core.model.DataRef("s3://" + "x".repeat(5_000), 1, null, false)), null, null);

        List<ValidationProblem> problems = validator.validate(new JobSpec("j", "n".repeat(1_000_000), null,
                List.of(longFunction)));

        assertThat(problems).extracting(ValidationProblem::code).containsOnly(ProblemCodes.TEXT_TOO_LONG);
        assertThat(problems).extracting(ValidationProblem::message).containsExactly(
                "job name has 1000000 characters; the limit is 256",
                "task \"t\" function has 300 characters; the limit is 256",
                "task \"t\" input uri has 5005 characters; the limit is 4096");
    }

    @Test
    void shouldRejectJobIdWithSlash() {
        List<ValidationProblem> problems = validator.validate(new JobSpec("a/b", "n", null, List.of(task("t"))));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.INVALID_JOB_ID);
            assertThat(p.message()).contains("\"a/b\"");
        });
    }

    @Test
    void shouldAcceptMissingJobIdBecauseTheGatewayAssignsOne() {
        assertThat(validator.validate(new JobSpec(null, "n", null, List.of(task("t"))))).isEmpty();
    }

    @Test
    void shouldRejectTooManyTasksWithoutAnalysingThem() {
        // given a job one task over the limit whose tasks are also broken in other ways
        JobValidator strict = new JobValidator(new ValidationLimits(2, 10, 1024, 4, 1024, 3));
        JobSpec job = job(task("a", "zz"), task("a"), task(null));

        // when
        List<ValidationProblem> problems = strict.validate(job);

        // then only the size is reported
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.TOO_MANY_TASKS);
            assertThat(p.message()).contains("3").contains("2");
        });
    }

    @Test
    void shouldRejectMissingTaskIdNamingItsPosition() {
        List<ValidationProblem> problems = validator.validate(job(task("a"), task(null, "a")));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.MISSING_TASK_ID);
            assertThat(p.taskId()).isNull();
            assertThat(p.message()).contains("position 1");
        });
    }

    @Test
    void shouldRejectNullTaskAsMissingId() {
        List<ValidationProblem> problems = validator.validate(job(task("a"), null));

        assertThat(problems).extracting(ValidationProblem::code).containsExactly(ProblemCodes.MISSING_TASK_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "", "has space", "ünïcode"})
    void shouldRejectInvalidTaskId(String id) {
        List<ValidationProblem> problems = validator.validate(job(task(id)));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.INVALID_TASK_ID);
            assertThat(p.taskId()).isEqualTo(id);
            assertThat(p.message()).contains("\"" + id + "\"");
        });
    }

    @Test
    void shouldRejectTaskIdLongerThan200Characters() {
        String id = "x".repeat(201);

        List<ValidationProblem> problems = validator.validate(job(task(id)));

        assertThat(problems).extracting(ValidationProblem::code).containsExactly(ProblemCodes.INVALID_TASK_ID);
        assertThat(problems.get(0).taskId()).isEqualTo(id);
        assertThat(problems.get(0).message()).hasSizeLessThan(300);
    }

    @Test
    void shouldAcceptEveryAllowedIdCharacter() {
        assertThat(validator.validate(job(task("aZ09._:@-")))).isEmpty();
    }

    @Test
    void shouldRejectDuplicateTaskIdAtItsSecondUse() {
        List<ValidationProblem> problems = validator.validate(job(task("a"), task("b"), task("a")));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.DUPLICATE_TASK_ID);
            assertThat(p.taskId()).isEqualTo("a");
            assertThat(p.message()).contains("\"a\"").contains("positions 0 and 2");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void shouldRejectMissingFunction(String function) {
        List<ValidationProblem> problems = validator.validate(job(TaskSpec.of("a", function, null)));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.MISSING_FUNCTION);
            assertThat(p.taskId()).isEqualTo("a");
            assertThat(p.message()).contains("\"a\"");
        });
    }

    @Test
    void shouldRejectNullFunction() {
        assertThat(validator.validate(job(TaskSpec.of("a", null, null))))
                .extracting(ValidationProblem::code).containsExactly(ProblemCodes.MISSING_FUNCTION);
    }

    @Test
    void shouldRejectUnknownDependencyAndNameIt() {
        List<ValidationProblem> problems = validator.validate(job(task("a"), task("b", "a", "zz")));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.UNKNOWN_DEPENDENCY);
            assertThat(p.taskId()).isEqualTo("b");
            assertThat(p.dependency()).isEqualTo("zz");
            assertThat(p.cycle()).isNull();
            assertThat(p.message()).isEqualTo("task \"b\" depends on unknown task \"zz\"");
        });
    }

    @Test
    void shouldRejectNullDependencyAsUnknown() {
        List<ValidationProblem> problems = validator.validate(job(task("a", (String) null)));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.UNKNOWN_DEPENDENCY);
            assertThat(p.dependency()).isNull();
        });
    }

    @Test
    void shouldRejectSelfDependency() {
        List<ValidationProblem> problems = validator.validate(job(task("a", "a")));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.SELF_DEPENDENCY);
            assertThat(p.taskId()).isEqualTo("a");
            assertThat(p.dependency()).isEqualTo("a");
            assertThat(p.message()).isEqualTo("task \"a\" depends on itself");
        });
    }

    @Test
    void shouldRejectDuplicateDependency() {
        List<ValidationProblem> problems = validator.validate(job(task("a"), task("b", "a", "a")));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.DUPLICATE_DEPENDENCY);
            assertThat(p.taskId()).isEqualTo("b");
            assertThat(p.dependency()).isEqualTo("a");
            assertThat(p.message()).contains("\"b\"").contains("\"a\"");
        });
    }

    @Test
    void shouldRejectCycleAndReportItsPath() {
        // given a -> b -> c -> a (each arrow: the right task depends on the left one) and a task outside it
        JobSpec job = job(task("a", "c"), task("b", "a"), task("c", "b"), task("d", "c"));

        // when
        List<ValidationProblem> problems = validator.validate(job);

        // then
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.CYCLE);
            assertThat(p.cycle()).containsExactly("a", "b", "c", "a");
            assertThat(p.message()).isEqualTo("cycle: a -> b -> c -> a");
            assertThat(p.taskId()).isEqualTo("a");
        });
    }

    @Test
    void shouldReportOnlyOneCycleWhenThereAreSeveral() {
        JobSpec job = job(task("a", "b"), task("b", "a"), task("x", "y"), task("y", "x"));

        List<ValidationProblem> problems = validator.validate(job);

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.cycle()).containsExactly("a", "b", "a"));
    }

    @Test
    void shouldNotSearchForCyclesWhileDependenciesAreUnknown() {
        // given a cycle and an unknown dependency: the unknown one must be fixed first
        JobSpec job = job(task("a", "b"), task("b", "a", "zz"));

        List<ValidationProblem> problems = validator.validate(job);

        assertThat(problems).extracting(ValidationProblem::code).containsExactly(ProblemCodes.UNKNOWN_DEPENDENCY);
    }

    @Test
    void shouldStillFindCycleNextToSelfDependency() {
        JobSpec job = job(task("a", "a", "b"), task("b", "a"));

        List<ValidationProblem> problems = validator.validate(job);

        assertThat(problems).extracting(ValidationProblem::code)
                .containsExactly(ProblemCodes.SELF_DEPENDENCY, ProblemCodes.CYCLE);
    }

    @Test
    void shouldRejectTooManyDependencies() {
        JobValidator strict = new JobValidator(new ValidationLimits(100, 2, 1024, 4, 1024, 3));
        JobSpec job = job(task("a"), task("b"), task("c"), task("d", "a", "b", "c"));

        List<ValidationProblem> problems = strict.validate(job);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.TOO_MANY_DEPENDENCIES);
            assertThat(p.taskId()).isEqualTo("d");
            assertThat(p.message()).contains("\"d\"").contains("3").contains("2");
        });
    }

    @Test
    void shouldRejectArgsTooLargeCountingUtf8Bytes() {
        // given 9 bytes of args counted as UTF-8 ("é" is two bytes) against a limit of 8
        JobValidator strict = new JobValidator(new ValidationLimits(100, 10, 8, 4, 1024, 3));
        TaskSpec task = new TaskSpec("a", "fn", Map.of("key", "valué"), null, null, null, null, null, null, null,
                null);

        List<ValidationProblem> problems = strict.validate(job(task));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.ARGS_TOO_LARGE);
            assertThat(p.taskId()).isEqualTo("a");
            assertThat(p.message()).contains("\"a\"").contains("9 bytes").contains("8");
        });
    }

    @Test
    void shouldAcceptArgsExactlyAtTheLimit() {
        JobValidator strict = new JobValidator(new ValidationLimits(100, 10, 9, 4, 1024, 3));
        TaskSpec task = new TaskSpec("a", "fn", Map.of("key", "valué"), null, null, null, null, null, null, null,
                null);

        assertThat(strict.validate(job(task))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "-1.0, 0, is negative",
        "NaN, 0, not a finite number",
        "Infinity, 0, not a finite number",
        "1024.5, 0, exceeds the limit",
        "1.0, -1, is negative",
        "1.0, 4194305, exceeds the limit"
    })
    void shouldRejectInvalidResources(double cpu, long memoryMb, String reason) {
        List<ValidationProblem> problems = validator.validate(job(taskWith("a", new Resources(cpu, memoryMb), null, null)));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.INVALID_RESOURCES);
            assertThat(p.taskId()).isEqualTo("a");
            assertThat(p.message()).contains("\"a\"").contains(reason);
        });
    }

    @Test
    void shouldAcceptResourcesAtTheLimits() {
        assertThat(validator.validate(job(taskWith("a", new Resources(1024, 4L * 1024 * 1024), null, null))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -5})
    void shouldRejectNonPositiveTimeout(long timeoutMs) {
        List<ValidationProblem> problems = validator.validate(job(taskWith("a", null, timeoutMs, null)));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.INVALID_TIMEOUT);
            assertThat(p.taskId()).isEqualTo("a");
            assertThat(p.message()).contains("\"a\"").contains(String.valueOf(timeoutMs));
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101})
    void shouldRejectMaxAttemptsOutsideOneToLimit(int maxAttempts) {
        List<ValidationProblem> problems = validator.validate(job(taskWith("a", null, null, maxAttempts)));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCodes.INVALID_MAX_ATTEMPTS);
            assertThat(p.taskId()).isEqualTo("a");
            assertThat(p.message()).contains("\"a\"").contains(String.valueOf(maxAttempts)).contains("100");
        });
    }

    @Test
    void shouldRejectNegativeRuntimeEstimate() {
        TaskSpec task = new TaskSpec("a", "fn", null, null, null, -1L, null, null, null, null, null);

        assertThat(validator.validate(job(task))).extracting(ValidationProblem::code)
                .containsExactly(ProblemCodes.INVALID_RUNTIME_ESTIMATE);
    }

    @Test
    void shouldReportProblemsTaskByTaskInJobOrder() {
        // given problems spread over three tasks
        JobSpec job = job(
                TaskSpec.of("a", null, List.of("zz")),
                task("b/c"),
                taskWith("d", new Resources(-1, 0), 0L, null));

        // when
        List<ValidationProblem> problems = validator.validate(job);

        // then
        assertThat(problems).extracting(ValidationProblem::code).containsExactly(
                ProblemCodes.MISSING_FUNCTION, ProblemCodes.UNKNOWN_DEPENDENCY,
                ProblemCodes.INVALID_TASK_ID,
                ProblemCodes.INVALID_RESOURCES, ProblemCodes.INVALID_TIMEOUT);
        assertThat(validator.validate(job)).isEqualTo(problems);
    }

    @Test
    void shouldCapProblemsAtOneHundred() {
        List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            tasks.add(task("t" + i, "missing" + i));
        }

        List<ValidationProblem> problems = validator.validate(job(tasks));

        assertThat(problems).hasSize(JobValidator.MAX_PROBLEMS);
        assertThat(problems.get(99).taskId()).isEqualTo("t99");
    }

    @Test
    void shouldThrowWithEveryProblemWhenValidityIsRequired() {
        JobSpec job = job(task("a", "zz"), task("a"));

        assertThatThrownBy(() -> validator.requireValid(job))
                .isInstanceOfSatisfying(JobValidationException.class, e -> {
                    assertThat(e.problems()).extracting(ValidationProblem::code)
                            .containsExactly(ProblemCodes.UNKNOWN_DEPENDENCY, ProblemCodes.DUPLICATE_TASK_ID);
                    assertThat(e.getMessage()).contains("2 problems").contains("\"zz\"");
                });
    }

    @Test
    void shouldReturnTheJobWhenValidityIsRequiredOfAValidJob() {
        JobSpec job = job(task("a"), task("b", "a"));

        assertThat(validator.requireValid(job)).isSameAs(job);
    }

    @Test
    @Timeout(10)
    void shouldValidateHundredThousandTaskChainWithoutStackOverflow() {
        // given the deepest possible DAG at the task limit
        JobSpec job = job(Jobs.chain("t", 100_000));

        // when
        List<ValidationProblem> problems = validator.validate(job);

        // then
        assertThat(problems).isEmpty();
    }

    @Test
    @Timeout(10)
    void shouldReportCycleClosingHundredThousandTaskChain() {
        // given a chain whose first task depends on its last
        List<TaskSpec> tasks = new ArrayList<>(Jobs.chain("t", 100_000));
        tasks.set(0, task("t0", "t99999"));

        // when
        List<ValidationProblem> problems = validator.validate(job(tasks));

        // then the whole chain is the cycle, and the message stays readable
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.cycle()).hasSize(100_001).startsWith("t0", "t1").endsWith("t99999", "t0");
            assertThat(p.message()).hasSizeLessThan(1_000).contains("t0 -> t1").endsWith("t99999 -> t0");
        });
    }

    @Test
    @Timeout(10)
    void shouldValidateHundredThousandTaskLadderWithManyDependencies() {
        // given 99,991 tasks, just under the limit, where every hub depends on 9 others
        JobSpec job = job(Jobs.diamondLadder(9_999, 9));

        // then
        assertThat(validator.validate(job)).isEmpty();
    }
}
