package io.dagline.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.core.validation.JobValidator;
import io.dagline.core.validation.ProblemCodes;
import io.dagline.core.validation.ValidationLimits;
import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.JobSubmitted;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobSubmissionServiceTest {

  private static final long NOW = 1_700_000_000_000L;

  private final List<JobStatusChanged> statuses = new ArrayList<>();
  private final List<JobCommand> commands = new ArrayList<>();
  private final StatusViews views = new StatusViews();
  private final JobSubmissionService service = new JobSubmissionService(
      new JobRequestParser(1 << 20),
      new JobValidator(new ValidationLimits(3, 10, 1024, 8, 1024, 5)),
      (status, command) -> {
        statuses.add(status);
        commands.add(command);
      },
      views,
      Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

  @Test
  void shouldPublishStatusAndCommandOfAValidJob() {
    JobStatusChanged status = submit("""
        {"id": "j1", "name": "n", "tasks": [
          {"id": "a", "function": "noop"},
          {"id": "b", "function": "noop", "dependencies": ["a"]}]}""");

    assertThat(status.getState()).isEqualTo(JobState.SUBMITTED);
    assertThat(status.getTaskCount()).isEqualTo(2);
    assertThat(status.getSubmittedAt()).isEqualTo(NOW);
    assertThat(status.getUpdatedAt()).isEqualTo(NOW);
    assertThat(statuses).containsExactly(status);
    JobSubmitted submitted = (JobSubmitted) commands.get(0).getEvent();
    assertThat(submitted.getJobId()).isEqualTo("j1");
    assertThat(submitted.getTasks()).extracting(t -> t.getId()).containsExactly("a", "b");
    assertThat(views.job("j1")).contains(status);
  }

  @Test
  void shouldAssignAnIdWhenNoneIsGiven() {
    JobStatusChanged status = submit("{\"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}");

    assertThat(UUID.fromString(status.getJobId())).isNotNull();
    assertThat(((JobSubmitted) commands.get(0).getEvent()).getJobId()).isEqualTo(status.getJobId());
  }

  @Test
  void shouldRejectAnInvalidJobWithAllItsProblemsAndPublishNothing() {
    assertThatThrownBy(() -> submit("""
        {"tasks": [{"id": "a", "function": "noop", "dependencies": ["b"]},
                   {"id": "b", "function": "noop", "dependencies": ["a", "zz"]}]}"""))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status().getCode()).isEqualTo(400);
          assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_JOB);
          assertThat(e.problems()).extracting(p -> p.code()).containsExactly(ProblemCodes.UNKNOWN_DEPENDENCY);
          assertThat(e.getMessage()).contains("\"zz\"");
        });
    assertThat(statuses).isEmpty();
    assertThat(commands).isEmpty();
  }

  @Test
  void shouldRejectAJobIdThatIsAlreadyKnown() {
    submit("{\"id\": \"j1\", \"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}");

    assertThatThrownBy(() -> submit("{\"id\": \"j1\", \"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.JOB_ALREADY_EXISTS));
    assertThat(commands).hasSize(1);
  }

  private JobStatusChanged submit(String body) {
    return service.submit(body.getBytes(UTF_8));
  }
}
