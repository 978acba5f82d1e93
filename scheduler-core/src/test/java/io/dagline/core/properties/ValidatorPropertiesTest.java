package io.dagline.core.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import io.dagline.core.testing.RandomDag;
import io.dagline.core.validation.JobValidator;
import io.dagline.core.validation.ProblemCodes;
import io.dagline.core.validation.ValidationProblem;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ValidatorPropertiesTest {

    private final JobValidator validator = new JobValidator();

    @Provide
    Arbitrary<RandomDag> dags() {
        return RandomDag.arbitrary(25);
    }

    @Property(tries = 200)
    void shouldAcceptEveryDag(@ForAll("dags") RandomDag dag) {
        assertThat(validator.validate(dag.toJob())).isEmpty();
    }

    @Property(tries = 200)
    void shouldRejectBackEdgeWithARealCycle(
            @ForAll("dags") RandomDag dag, @ForAll @IntRange(max = 1000) int startPick,
            @ForAll @IntRange(max = 1000) int endPick) {
        // given a path from some task to a later one, closed by making the start depend on the end
        Assume.that(!dag.edges().isEmpty());
        int start = dag.edges().get(startPick % dag.edges().size())[0];
        List<Integer> reachable = dag.reachableFrom(start);
        int end = reachable.get(endPick % reachable.size());
        JobSpec job = dag.withExtraDependency(start, end);

        // when
        List<ValidationProblem> problems = validator.validate(job);

        // then exactly one cycle is reported and every step of it is a real dependency
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCodes.CYCLE);
            List<String> cycle = problem.cycle();
            assertThat(cycle).hasSizeGreaterThanOrEqualTo(3);
            assertThat(cycle.get(cycle.size() - 1)).isEqualTo(cycle.get(0));
            assertThat(cycle.subList(0, cycle.size() - 1)).doesNotHaveDuplicates();
            Map<String, TaskSpec> byId = job.tasks().stream()
                    .collect(Collectors.toMap(TaskSpec::id, Function.identity()));
            for (int i = 0; i + 1 < cycle.size(); i++) {
                assertThat(byId.get(cycle.get(i + 1)).dependencies())
                        .as("%s should depend on %s", cycle.get(i + 1), cycle.get(i))
                        .contains(cycle.get(i));
            }
        });
    }
}
