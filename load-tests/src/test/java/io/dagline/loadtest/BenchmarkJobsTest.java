package io.dagline.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchmarkJobsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void chainsAreIndependentAndEachStepDependsOnItsPredecessor() {
    Map<String, Object> job = BenchmarkJobs.chains("j", 3, 4);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) job.get("tasks");
    assertThat(tasks).hasSize(12);
    assertThat(tasks.get(0)).doesNotContainKey("dependencies").containsEntry("id", "c0-t0");
    assertThat(tasks.get(5)).containsEntry("id", "c1-t1").containsEntry("dependencies", List.of("c1-t0"));
  }

  @Test
  void layeredDagHasEveryTaskOnceSleepingRootsAndDependenciesOnlyOnTheLayerBefore() throws Exception {
    JsonNode job = JSON.readTree(BenchmarkJobs.layeredJson("big", 1_000, 20, 60_000));

    JsonNode tasks = job.get("tasks");
    assertThat(job.get("id").asText()).isEqualTo("big");
    assertThat(tasks).hasSize(1_000);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < tasks.size(); i++) {
      JsonNode task = tasks.get(i);
      ids.add(task.get("id").asText());
      int layer = i / 50;
      if (layer == 0) {
        assertThat(task.get("function").asText()).isEqualTo("sleep");
        assertThat(task.get("args").get("ms").asText()).isEqualTo("60000");
        assertThat(task.has("dependencies")).isFalse();
      } else {
        assertThat(task.get("dependencies")).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        for (JsonNode dependency : task.get("dependencies")) {
          int upstream = Integer.parseInt(dependency.asText().substring(1));
          assertThat(upstream / 50).isEqualTo(layer - 1);
          assertThat(Math.abs(upstream % 50 - i % 50)).isLessThanOrEqualTo(1);
        }
      }
    }
    assertThat(ids).hasSize(1_000);
  }
}
