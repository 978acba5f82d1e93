package io.dagline.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareDaskTest {

  @Test
  void shouldBuildTheSameTasksAndEdgesForBothSystems() {
    for (BenchGraph graph : List.of(BenchGraph.fan(250, 100), BenchGraph.branched(200, 50), BenchGraph.wide(30),
        BenchGraph.chain(100))) {
      assertThat(edgesOfDagline(graph.daglineJob())).as(graph.name()).isEqualTo(edgesOfDask(graph.daskGraph()));
      assertThat(edgesOfDask(graph.daskGraph()).keySet()).as(graph.name()).hasSize(graph.nodes().size());
    }
  }

  @Test
  void shouldShapeEachGraphAsNamed() {
    BenchGraph fan = BenchGraph.fan(250, 100);
    assertThat(fan.nodes()).as("250 tasks, 3 joins of up to 100, a root").hasSize(254);
    assertThat(fan.edgeCount()).isEqualTo(250 + 3);
    BenchGraph branched = BenchGraph.branched(200, 50);
    assertThat(branched.nodes()).as("4 chains of 50 and the join").hasSize(201);
    assertThat(branched.edgeCount()).isEqualTo(4 * 49 + 4);
    assertThat(BenchGraph.wide(30).edgeCount()).isZero();
    assertThat(BenchGraph.chain(100).edgeCount()).isEqualTo(99);
  }

  @Test
  void shouldReadAWfFormatFilesTasksAndEdges(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tiny-wf.json");
    Files.writeString(file, """
        {"name": "tiny", "schemaVersion": "1.4", "workflow": {"specification": {"tasks": [
          {"id": "a", "name": "a", "parents": [], "children": ["b"]},
          {"id": "b", "name": "b", "parents": ["a"], "children": []}]},
         "execution": {"tasks": [{"id": "a", "runtimeInSeconds": 1.0}, {"id": "b", "runtimeInSeconds": 2.0}]}}}
        """);
    BenchGraph graph = BenchGraph.wfformat(file);
    assertThat(graph.name()).isEqualTo("tiny-wf");
    assertThat(graph.nodes()).containsExactly(new BenchGraph.Node("a", List.of()), new BenchGraph.Node("b", List.of("a")));
  }

  @Test
  void shouldParseTheDaskRunnersResultLinesAndSkipAnythingElse() {
    assertThat(CompareDask.parseDaskLine("{\"graph\": \"fan\", \"tasks\": 5051, \"seconds\": 10.19}"))
        .isEqualTo(new CompareDask.DaskResult("fan", 5051, 10.19));
    assertThat(CompareDask.parseDaskLine("distributed.worker - INFO - something")).isNull();
    assertThat(CompareDask.parseDaskLine("{\"unrelated\": 1}")).isNull();
    assertThat(CompareDask.parseDaskLine("{not json")).isNull();
  }

  @Test
  void shouldReadTheDaskResultsFileSkippingItsOtherLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("dask.jsonl");
    Files.writeString(file, "warming up\n{\"graph\": \"chain\", \"tasks\": 100, \"seconds\": 0.62}\n"
        + "{\"graph\": \"wide\", \"tasks\": 500, \"seconds\": 0.4}\n");
    assertThat(CompareDask.readDaskResults(file)).containsExactly(Map.entry("chain", 0.62), Map.entry("wide", 0.4));
  }

  @Test
  void shouldPrintOneRowPerGraphWithTheRatioOfDaglinesTimeToDasks() {
    String table = CompareDask.table(List.of(new CompareDask.Row("chain", 100, 0.5, 1.0, "SUCCEEDED"),
        new CompareDask.Row("wide", 500, 0.4, 2.0, "FAILED")), "0.10", "0.20", "0.30", true);
    assertThat(table).contains("| chain | 100 | 0.50 | 200 | 1.00 | 100 | 2.00 |")
        .contains("| wide | 500 | 0.40 | 1250 | 2.00 | 250 | 5.00 (FAILED) |")
        .contains("load average before Dask 0.10, before Dagline 0.20, after 0.30").contains("FORCED");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> edgesOfDagline(Map<String, Object> job) {
    return ((List<Map<String, Object>>) job.get("tasks")).stream().collect(Collectors.toMap(
        task -> (String) task.get("id"), task -> (List<String>) task.get("dependencies")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> edgesOfDask(Map<String, Object> graph) {
    return ((List<Map<String, Object>>) graph.get("tasks")).stream().collect(Collectors.toMap(
        task -> (String) task.get("id"), task -> (List<String>) task.get("deps")));
  }
}
