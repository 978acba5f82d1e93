package io.dagline.core.wfformat;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagline.core.graph.TaskGraph;
import io.dagline.core.model.DataRef;
import io.dagline.core.model.JobSpec;
import io.dagline.core.model.TaskSpec;
import io.dagline.core.testing.SharedWorkflows;
import io.dagline.core.validation.JobValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

class WfJobConverterTest {

    static final List<SharedWorkflows.Instance> INSTANCES = SharedWorkflows.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("INSTANCES")
    void shouldConvertSharedWorkflowIntoValidJobWithTheSameGraph(SharedWorkflows.Instance instance) {
        // when
        JobSpec job = WfJobConverter.toJob(WfFormatReader.read(instance.path()), "job-1");

        // then
        assertThat(new JobValidator().validate(job)).isEmpty();
        TaskGraph graph = TaskGraph.of(job);
        assertThat(graph.size()).isEqualTo(instance.tasks());
        assertThat(graph.edgeCount()).isEqualTo(instance.edges());
        assertThat(job.tasks()).allSatisfy(task -> assertThat(task.function()).isEqualTo("replay"));
    }

    @Test
    void shouldReplayRecordedRuntimeAndReferenceInputFiles() {
        // given
        WfWorkflow workflow = new WfWorkflow("w", "1.5", List.of(
                new WfTask("a", List.of(), 0.054023, List.of(new WfFile("in.fa", 6)), List.of(new WfFile("o", 1))),
                new WfTask("b", List.of("a"), 12.0, List.of(new WfFile("/data/o", 1)), List.of())));

        // when
        JobSpec job = WfJobConverter.toJob(workflow);

        // then
        assertThat(job.jobId()).isNull();
        assertThat(job.name()).isEqualTo("w");
        TaskSpec a = job.tasks().get(0);
        TaskSpec b = job.tasks().get(1);
        assertThat(a.args()).isEqualTo(Map.of("runtimeSeconds", "0.054023"));
        assertThat(a.runtimeEstimateMs()).isEqualTo(54);
        assertThat(a.inputs()).containsExactly(new DataRef("wf://in.fa", 6, null, false));
        assertThat(b.args()).isEqualTo(Map.of("runtimeSeconds", "12"));
        assertThat(b.runtimeEstimateMs()).isEqualTo(12_000);
        assertThat(b.dependencies()).containsExactly("a");
        assertThat(b.inputs()).extracting(DataRef::uri).containsExactly("wf:///data/o");
    }

    @Test
    void shouldCarryTheRecordedCommandAsAJsonArgv() {
        WfWorkflow workflow = new WfWorkflow("w", "1.5", List.of(new WfTask("a", List.of(), 1, List.of(), List.of(),
                List.of("individuals", "ALL.chr21.vcf", "21"))));

        assertThat(WfJobConverter.toJob(workflow).tasks().get(0).args())
                .containsEntry("argv", "[\"individuals\",\"ALL.chr21.vcf\",\"21\"]")
                .containsEntry("runtimeSeconds", "1");
    }

    @Test
    void shouldRewriteIllegalIdsConsistentlyInTasksAndDependencies() {
        // given ids with a slash and a space, one of which collides with a valid id once rewritten
        WfWorkflow workflow = new WfWorkflow("w", "1.4", List.of(
                new WfTask("split/1", List.of(), 1, List.of(), List.of()),
                new WfTask("split_1", List.of(), 1, List.of(), List.of()),
                new WfTask("merge all", List.of("split/1", "split_1"), 1, List.of(), List.of())));

        // when
        JobSpec job = WfJobConverter.toJob(workflow, "job-1");

        // then the valid id keeps its name and the rewritten one steps aside
        assertThat(job.tasks()).extracting(TaskSpec::id).containsExactly("split_1-2", "split_1", "merge_all");
        assertThat(job.tasks().get(2).dependencies()).containsExactly("split_1-2", "split_1");
        assertThat(new JobValidator().validate(job)).isEmpty();
    }
}
