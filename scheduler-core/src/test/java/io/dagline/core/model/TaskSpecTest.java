package io.dagline.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskSpecTest {

    @Test
    void shouldReplaceMissingCollectionsAndResourcesWithDefaults() {
        TaskSpec task = new TaskSpec("a", "fn", null, null, null, null, null, null, null, null, null);

        assertThat(task.args()).isEmpty();
        assertThat(task.dependencies()).isEmpty();
        assertThat(task.inputs()).isEmpty();
        assertThat(task.resources()).isEqualTo(Resources.DEFAULT).isEqualTo(new Resources(1.0, 0));
    }

    @Test
    void shouldKeepMissingIdAndFunctionForTheValidatorToReport() {
        TaskSpec task = TaskSpec.of(null, null, null);

        assertThat(task.id()).isNull();
        assertThat(task.function()).isNull();
    }

    @Test
    void shouldCopyCollectionsSoCallersCannotChangeTheTask() {
        // given mutable collections
        List<String> dependencies = new ArrayList<>(List.of("x"));
        Map<String, String> args = new HashMap<>(Map.of("k", "v"));
        TaskSpec task = new TaskSpec("a", "fn", args, dependencies, null, null, null, null, null, null, null);

        // when the caller changes them afterwards
        dependencies.add("y");
        args.put("k2", "v2");

        // then the task is unaffected and itself unmodifiable
        assertThat(task.dependencies()).containsExactly("x");
        assertThat(task.args()).containsOnlyKeys("k");
        assertThatThrownBy(() -> task.dependencies().add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldKeepNullDependencyForTheValidatorToReport() {
        TaskSpec task = TaskSpec.of("a", "fn", java.util.Arrays.asList("b", null));

        assertThat(task.dependencies()).containsExactly("b", null);
    }

    @Test
    void shouldGiveJobWithoutTasksAnEmptyList() {
        assertThat(new JobSpec("j", "n", null, null).tasks()).isEmpty();
    }
}
