package io.dagline.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.core.model.DataRef;
import io.dagline.core.model.JobSpec;
import io.dagline.core.model.Resources;
import io.dagline.core.model.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobRequestParserTest {

  private final JobRequestParser parser = new JobRequestParser(10_000);

  @Test
  void shouldReadEveryField() {
    JobSpec job = parse("""
        {"id": "j1", "name": "n", "pool": "p", "tasks": [
          {"id": "a", "function": "noop", "args": {"k": "v"}, "dependencies": [],
           "resources": {"cpu": 0.5, "memoryMb": 256}, "runtimeEstimateMs": 10, "timeoutMs": 1000,
           "maxAttempts": 3, "inputs": [{"uri": "s3://x", "sizeBytes": 5, "site": "eu", "immovable": true}],
           "pool": "tp", "site": "eu"},
          {"id": "b", "function": "noop", "dependencies": ["a"]}]}
        """);

    assertThat(job.jobId()).isEqualTo("j1");
    assertThat(job.name()).isEqualTo("n");
    assertThat(job.pool()).isEqualTo("p");
    assertThat(job.tasks()).hasSize(2);
    TaskSpec a = job.tasks().get(0);
    assertThat(a.args()).containsEntry("k", "v");
    assertThat(a.resources()).isEqualTo(new Resources(0.5, 256));
    assertThat(a.runtimeEstimateMs()).isEqualTo(10L);
    assertThat(a.timeoutMs()).isEqualTo(1000L);
    assertThat(a.maxAttempts()).isEqualTo(3);
    assertThat(a.inputs()).containsExactly(new DataRef("s3://x", 5, "eu", true));
    assertThat(a.pool()).isEqualTo("tp");
    assertThat(a.site()).isEqualTo("eu");
    TaskSpec b = job.tasks().get(1);
    assertThat(b.dependencies()).containsExactly("a");
    assertThat(b.resources()).isEqualTo(Resources.DEFAULT);
    assertThat(b.maxAttempts()).isNull();
  }

  @Test
  void shouldTreatNullAsAbsentAndLeaveMissingValuesToTheValidator() {
    JobSpec job = parse("{\"id\": null, \"tasks\": [{\"function\": null, \"args\": null}]}");

    assertThat(job.jobId()).isNull();
    assertThat(job.tasks().get(0).id()).isNull();
    assertThat(job.tasks().get(0).function()).isNull();
  }

  @Test
  void shouldReadAJobsExecutorWaitLimit() {
    assertThat(parser.read("{\"executorWaitLimitMs\": 600000, \"tasks\": []}".getBytes(UTF_8)).executorWaitLimitMs())
        .isEqualTo(600_000L);
    assertThat(parser.read("{\"tasks\": []}".getBytes(UTF_8)).executorWaitLimitMs()).isNull();
  }

  @Test
  void shouldReadMissingTasksAsAnEmptyJob() {
    assertThat(parse("{\"name\": \"x\"}").tasks()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not json                 | {tasks: []}",
      "truncated                | {\"tasks\": [",
      "trailing tokens          | {\"tasks\": []} {}",
      "duplicate key            | {\"tasks\": [], \"tasks\": []}",
      "empty                    | ''",
  })
  void shouldRejectInvalidJson(String name, String body) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_JSON);
          assertThat(e.status().getCode()).isEqualTo(400);
        });
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "[]                                                                    | request body must be an object",
      "{\"tasks\": {}}                                                      | tasks must be an array",
      "{\"id\": 7, \"tasks\": []}                                           | id must be a string",
      "{\"tasks\": [1]}                                                     | tasks[0] must be an object",
      "{\"tasks\": [{\"id\": \"a\", \"dependencies\": \"b\"}]}              | tasks[0].dependencies must be an array of strings",
      "{\"tasks\": [{}, {}, {}, {\"dependencies\": \"a\"}]}                 | tasks[3].dependencies must be an array",
      "{\"tasks\": [{\"dependencies\": [1]}]}                               | tasks[0].dependencies[0] must be a string",
      "{\"tasks\": [{\"args\": {\"n\": 1}}]}                                | tasks[0].args.n must be a string",
      "{\"tasks\": [{\"resources\": {\"cpu\": \"1\"}}]}                     | tasks[0].resources.cpu must be a number",
      "{\"tasks\": [{\"resources\": {\"memoryMb\": 1.5}}]}                  | tasks[0].resources.memoryMb must be an integer",
      "{\"tasks\": [{\"timeoutMs\": \"10\"}]}                               | tasks[0].timeoutMs must be an integer",
      "{\"tasks\": [{\"maxAttempts\": 10000000000}]}                        | tasks[0].maxAttempts must be an integer",
      "{\"tasks\": [{\"inputs\": [{\"sizeBytes\": 1}]}]}                    | tasks[0].inputs[0].uri is required",
      "{\"tasks\": [{\"inputs\": [{\"uri\": \"u\", \"immovable\": 1}]}]}    | tasks[0].inputs[0].immovable must be a boolean",
      "{\"tasks\": [{\"dependecies\": []}]}                                 | tasks[0].dependecies is not a known field",
      "{\"taks\": []}                                                       | taks is not a known field",
      "{\"executorWaitLimitMs\": 0, \"tasks\": []}                          | executorWaitLimitMs must be at least 1",
      "{\"executorWaitLimitMs\": \"1m\", \"tasks\": []}                     | executorWaitLimitMs must be an integer",
  })
  void shouldNameThePathOfAWrongType(String body, String expectedMessage) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_FIELD);
          assertThat(e.getMessage()).startsWith(expectedMessage);
        });
  }

  @Test
  void shouldRejectABodyOverTheLimit() {
    byte[] body = ("{\"name\": \"" + "x".repeat(10_000) + "\"}").getBytes(UTF_8);

    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCodes.PAYLOAD_TOO_LARGE);
          assertThat(e.status().getCode()).isEqualTo(413);
        });
  }

  private JobSpec parse(String body) {
    return parser.parse(body.getBytes(UTF_8));
  }
}
