package io.dagline.core.wfformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dagline.core.testing.SharedWorkflows;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class WfFormatReaderTest {

    static final List<SharedWorkflows.Instance> INSTANCES = SharedWorkflows.ALL;

    /** Files read by some task and written by none: the workflow's own inputs, as the README counts them. */
    private static long inputBytes(WfWorkflow workflow) {
        Set<String> written = new HashSet<>();
        workflow.tasks().forEach(task -> task.outputFiles().forEach(file -> written.add(file.name())));
        Set<String> counted = new HashSet<>();
        return workflow.tasks().stream().flatMap(task -> task.inputFiles().stream())
                .filter(file -> !written.contains(file.name()) && counted.add(file.name()))
                .mapToLong(WfFile::sizeBytes).sum();
    }

    @Test
    void shouldKnowTheFiguresOfEveryWorkflowInTheSharedDirectory() {
        assertThat(SharedWorkflows.filesPresent())
                .containsExactlyInAnyOrderElementsOf(INSTANCES.stream().map(SharedWorkflows.Instance::file).toList());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("INSTANCES")
    void shouldReadSharedWorkflowWithTheFiguresOfItsReadme(SharedWorkflows.Instance instance) {
        WfWorkflow workflow = WfFormatReader.read(instance.path());

        assertThat(workflow.schemaVersion()).isEqualTo("1.5");
        assertThat(workflow.tasks()).hasSize(instance.tasks());
        assertThat(workflow.edgeCount()).isEqualTo(instance.edges());
        assertThat(workflow.tasks().stream().mapToDouble(WfTask::runtimeSeconds).sum())
                .isCloseTo(instance.runtimeSumSeconds(), within(0.001));
        assertThat(inputBytes(workflow)).isEqualTo(instance.inputBytes());
    }

    @Test
    void shouldReadSchema15TaskWithItsRuntimeAndFileSizes() {
        // given the blast instance, whose first task splits the query
        WfWorkflow workflow = WfFormatReader.read(SharedWorkflows.ALL.get(1).path());

        // then
        WfTask split = workflow.tasks().get(0);
        assertThat(workflow.name()).isEqualTo("makeflow-blast-small");
        assertThat(split.id()).isEqualTo("split_fasta_ID000001");
        assertThat(split.parents()).isEmpty();
        assertThat(split.runtimeSeconds()).isEqualTo(0.054023);
        assertThat(workflow.tasks().stream().filter(t -> t.parents().contains(split.id()))).hasSize(40);
        assertThat(split.command()).as("the recorded program, then its arguments").isNotEmpty();
    }

    @Test
    void shouldReadFlatSchema14DocumentWithParentsByName() {
        // given tasks listing parents by name only, runtimes and files in each task, and an id unlike the name
        String json = """
                {"name": "tiny", "schemaVersion": "1.4", "workflow": {"executedAt": "x", "tasks": [
                  {"name": "split", "id": "ID01", "parents": [], "runtimeInSeconds": 1.5,
                   "command": {"program": "split-fasta", "arguments": ["in.fa", "--parts", "2"]},
                   "files": [{"link": "input", "name": "in.fa", "sizeInBytes": 100},
                             {"link": "output", "name": "part.fa", "sizeInBytes": 40}]},
                  {"name": "align", "id": "ID02", "parents": ["split"], "runtime": 2,
                   "files": [{"link": "input", "name": "part.fa", "size": 40}]},
                  {"name": "merge", "id": "ID03", "parents": ["align", "split"]}
                ]}}""";

        // when
        WfWorkflow workflow = WfFormatReader.parse(json);

        // then
        assertThat(workflow.name()).isEqualTo("tiny");
        assertThat(workflow.schemaVersion()).isEqualTo("1.4");
        assertThat(workflow.tasks()).extracting(WfTask::id).containsExactly("split", "align", "merge");
        assertThat(workflow.tasks()).extracting(WfTask::runtimeSeconds).containsExactly(1.5, 2.0, 0.0);
        assertThat(workflow.tasks().get(2).parents()).containsExactly("align", "split");
        assertThat(workflow.tasks().get(0).inputFiles()).containsExactly(new WfFile("in.fa", 100));
        assertThat(workflow.tasks().get(0).outputFiles()).containsExactly(new WfFile("part.fa", 40));
        assertThat(workflow.tasks().get(1).inputFiles()).containsExactly(new WfFile("part.fa", 40));
        assertThat(workflow.edgeCount()).isEqualTo(3);
        assertThat(workflow.tasks().get(0).command()).containsExactly("split-fasta", "in.fa", "--parts", "2");
        assertThat(workflow.tasks().get(1).command()).isEmpty();
    }

    @Test
    void shouldTakeEdgesListedOnlyAsChildrenAndCountEachOnce() {
        // given a 1.3-style document where one edge is a parent, one only a child, and one both
        String json = """
                {"schemaVersion": "1.3", "workflow": {"tasks": [
                  {"name": "a", "children": ["b", "c"]},
                  {"name": "b", "parents": ["a"]},
                  {"name": "c", "parents": [], "children": []},
                  {"name": "d", "parents": ["c"]}
                ]}}""";

        WfWorkflow workflow = WfFormatReader.parse(json);

        assertThat(workflow.tasks()).extracting(WfTask::parents)
                .containsExactly(List.of(), List.of("a"), List.of("a"), List.of("c"));
    }

    @Test
    void shouldNameUnknownParent() {
        String json = """
                {"workflow": {"tasks": [{"name": "a", "parents": ["ghost"]}]}}""";

        assertThatThrownBy(() -> WfFormatReader.parse(json)).isInstanceOf(WfFormatException.class)
                .hasMessage("task \"a\" names unknown parent \"ghost\"");
    }

    @Test
    void shouldRejectTaskListedTwice() {
        String json = """
                {"workflow": {"tasks": [{"name": "a"}, {"name": "a"}]}}""";

        assertThatThrownBy(() -> WfFormatReader.parse(json)).isInstanceOf(WfFormatException.class)
                .hasMessageContaining("\"a\" appears more than once");
    }

    @Test
    void shouldRejectNegativeRuntimeNamingWhere() {
        String json = """
                {"workflow": {"specification": {"tasks": [{"id": "a"}], "files": []},
                              "execution": {"tasks": [{"id": "a", "runtimeInSeconds": -1}]}}}""";

        assertThatThrownBy(() -> WfFormatReader.parse(json)).isInstanceOf(WfFormatException.class)
                .hasMessageContaining("workflow.execution.tasks[0]").hasMessageContaining("runtimeInSeconds");
    }

    @Test
    void shouldRejectDocumentsThatAreNotWorkflows() {
        Stream.of("[]", "{}", "{\"workflow\": {}}", "{\"workflow\": ")
                .forEach(json -> assertThatThrownBy(() -> WfFormatReader.parse(json))
                        .as(json).isInstanceOf(WfFormatException.class));
    }
}
