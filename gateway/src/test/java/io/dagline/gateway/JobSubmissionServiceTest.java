package io.dagline.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagline.core.validation.JobValidator;
import io.dagline.core.validation.ProblemCodes;
import io.dagline.core.validation.ValidationLimits;
import io.dagline.schemas.CancelJob;
import io.dagline.schemas.FailurePolicy;
import io.dagline.schemas.JobCommand;
import io.dagline.schemas.RetryPolicy;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.JobSubmitted;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobSubmissionServiceTest {

  private static final long NOW = 1_700_000_000_000L;

  private final List<JobStatusChanged> statuses = new ArrayList<>();
  private final List<JobCommand> commands = new ArrayList<>();
  private final StatusViews views = new StatusViews();
  private final JobPublisher publisher = new JobPublisher() {
    @Override
    public void publish(JobStatusChanged status, JobCommand command) {
      statuses.add(status);
      commands.add(command);
    }

    @Override
    public void command(String jobId, JobCommand command) {
      commands.add(command);
    }
  };
  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  private final JobSubmissionService service = new JobSubmissionService(
      new JobRequestParser(1 << 20),
      new JobValidator(new ValidationLimits(3, 10, 1024, 8, 1024, 5)),
      new SubmissionChecks(Set.of("noop", "fail"), Set.of("default", "batch")),
      publisher,
      views,
      clock);
  private final JobCancellationService cancellations = new JobCancellationService(publisher, views, clock);

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
  void shouldReturnTheSameJobForTheSameBodyUnderAKnownIdAndPublishOnlyItsCommandAgainWhileSubmitted() {
    String body = "{\"id\": \"j1\", \"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}";
    JobStatusChanged first = service.submit(body.getBytes(UTF_8), null).status();

    JobSubmissionService.Submission again = service.submit(body.getBytes(UTF_8), null);

    assertThat(again.created()).isFalse();
    assertThat(again.status()).isEqualTo(first);
    assertThat(statuses).containsExactly(first);
    assertThat(commands).hasSize(2);
    assertThat(commands.get(1)).as("the same submission, in case the first never reached the log")
        .isEqualTo(commands.get(0));
  }

  @Test
  void shouldPublishNothingAgainForTheSameBodyUnderAJobPastSubmitted() {
    String body = "{\"id\": \"j1\", \"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}";
    JobStatusChanged first = service.submit(body.getBytes(UTF_8), null).status();
    JobStatusChanged running = JobStatusChanged.newBuilder(first).setState(JobState.RUNNING).setStartedAt(NOW + 5).build();
    views.applyJobStatus("j1", running);

    JobSubmissionService.Submission again = service.submit(body.getBytes(UTF_8), null);

    assertThat(again.created()).isFalse();
    assertThat(again.status()).isEqualTo(running);
    assertThat(commands).hasSize(1);
  }

  @Test
  void shouldSubmitAgainAJobWhosePublishFailed() {
    String body = "{\"id\": \"j1\", \"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}";
    JobStatusChanged first = service.submit(body.getBytes(UTF_8), null).status();
    commands.clear();
    views.applyJobStatus("j1", JobStatusChanged.newBuilder(first).setState(JobState.FAILED).setFinishedAt(NOW + 20)
        .setProblems(List.of(JobPublisher.SUBMISSION_FAILED + "timed out")).build());

    JobSubmissionService.Submission again = service.submit(body.getBytes(UTF_8), null);

    assertThat(again.created()).isTrue();
    assertThat(again.status().getState()).isEqualTo(JobState.SUBMITTED);
    assertThat(statuses).hasSize(2);
    assertThat(((JobSubmitted) commands.get(0).getEvent()).getJobId()).isEqualTo("j1");
  }

  @Test
  void shouldNotSubmitAgainAJobThatFailedWhileRunning() {
    String body = "{\"id\": \"j1\", \"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}";
    JobStatusChanged first = service.submit(body.getBytes(UTF_8), null).status();
    JobStatusChanged failed = JobStatusChanged.newBuilder(first).setState(JobState.FAILED).setStartedAt(NOW + 5)
        .setFinishedAt(NOW + 20).setFailedTaskId("a").setProblems(List.of("task a failed")).build();
    views.applyJobStatus("j1", failed);

    JobSubmissionService.Submission again = service.submit(body.getBytes(UTF_8), null);

    assertThat(again.created()).isFalse();
    assertThat(again.status()).isEqualTo(failed);
    assertThat(commands).hasSize(1);
  }

  @Test
  void shouldRejectADifferentBodyUnderAKnownId() {
    submit("{\"id\": \"j1\", \"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}");

    assertThatThrownBy(() -> submit("{\"id\": \"j1\", \"tasks\": [{\"id\": \"b\", \"function\": \"noop\"}]}"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCodes.JOB_ALREADY_EXISTS);
          assertThat(e.status().getCode()).isEqualTo(409);
        });
    assertThat(commands).hasSize(1);
  }

  @Test
  void shouldMapAnIdempotencyKeyToOneJob() {
    byte[] body = "{\"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}".getBytes(UTF_8);
    JobSubmissionService.Submission first = service.submit(body, "order-42");
    JobSubmissionService.Submission second = service.submit(body, "order-42");
    JobSubmissionService.Submission other = service.submit(body, "order-43");

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.status().getJobId()).isEqualTo(first.status().getJobId());
    assertThat(other.status().getJobId()).isNotEqualTo(first.status().getJobId());
    assertThat(statuses).extracting(JobStatusChanged::getJobId)
        .containsExactly(first.status().getJobId(), other.status().getJobId());
    assertThat(commands).extracting(command -> ((JobSubmitted) command.getEvent()).getJobId())
        .as("the repeated request publishes the still-SUBMITTED job's command again")
        .containsExactly(first.status().getJobId(), first.status().getJobId(), other.status().getJobId());
    assertThatThrownBy(() -> service.submit("{\"tasks\": [{\"id\": \"z\", \"function\": \"noop\"}]}".getBytes(UTF_8), "order-42"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.IDEMPOTENCY_KEY_REUSED));
    assertThatThrownBy(() -> service.submit(body, "has spaces"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_HEADER));
  }

  @Test
  void shouldCarryRetryPolicyAndFailurePolicyToTheCommand() {
    submit("""
        {"id": "r", "retry": {"initialIntervalMs": 50, "backoffCoefficient": 3, "maxIntervalMs": 1000},
         "onTaskFailure": "SKIP_DESCENDANTS",
         "tasks": [{"id": "a", "function": "fail", "retry": {"initialIntervalMs": 0}}, {"id": "b", "function": "noop"}]}""");

    JobSubmitted submitted = (JobSubmitted) commands.get(0).getEvent();
    assertThat(submitted.getRetry()).isEqualTo(new RetryPolicy(50L, 3.0, 1000L));
    assertThat(submitted.getOnTaskFailure()).isEqualTo(FailurePolicy.SKIP_DESCENDANTS);
    assertThat(submitted.getTasks().get(0).getRetry()).isEqualTo(new RetryPolicy(0L, null, null));
    assertThat(submitted.getTasks().get(1).getRetry()).isNull();
    assertThat(submitted.getDigest()).hasSize(64).isEqualTo(statuses.get(0).getDigest());
  }

  @Test
  void shouldRejectUnknownFunctionsAndPoolsAndAbsurdRetriesWithEveryProblem() {
    assertThatThrownBy(() -> submit("""
        {"pool": "nowhere", "retry": {"backoffCoefficient": 0.5, "initialIntervalMs": -1},
         "tasks": [{"id": "a", "function": "rm-rf", "pool": "vip"}]}"""))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_JOB);
          assertThat(e.problems()).extracting(p -> p.code()).containsExactly(SubmissionChecks.UNKNOWN_POOL,
              SubmissionChecks.INVALID_RETRY, SubmissionChecks.UNKNOWN_FUNCTION, SubmissionChecks.UNKNOWN_POOL);
          assertThat(e.problems().get(2).message()).contains("\"rm-rf\"").contains("[fail, noop]");
          assertThat(e.problems().get(1).message()).contains("backoffCoefficient 0.5").contains("initialIntervalMs -1");
        });
    assertThat(commands).isEmpty();
  }

  @Test
  void shouldRejectArgumentsABuiltInFunctionDeclaresOtherwiseNamingTaskAndArgument() {
    assertThatThrownBy(() -> submit("""
        {"tasks": [{"id": "a", "function": "fail", "args": {"probability": "2"}},
                   {"id": "b", "function": "fail", "args": {"failAttempts": "abc"}}]}"""))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status().getCode()).isEqualTo(400);
          assertThat(e.problems()).extracting(p -> p.code()).containsOnly(SubmissionChecks.INVALID_ARGUMENT);
          assertThat(e.problems()).extracting(p -> p.message()).containsExactly(
              "task \"a\" (fail): argument \"probability\" is \"2\", above its maximum 1",
              "task \"b\" (fail): argument \"failAttempts\" must be a number, not \"abc\"");
        });
    assertThat(commands).isEmpty();
  }

  @Test
  void shouldCancelARunningJobOnceAndAnswerAFinishedOneWithItsState() {
    submit("{\"id\": \"c1\", \"tasks\": [{\"id\": \"a\", \"function\": \"noop\"}]}");

    assertThat(cancellations.cancel("c1", "test").requested()).isTrue();
    assertThat(commands.get(1).getEvent()).isInstanceOfSatisfying(CancelJob.class,
        cancel -> assertThat(cancel.getJobId()).isEqualTo("c1"));

    views.applyJobStatus("c1", JobStatusChanged.newBuilder(views.job("c1").orElseThrow()).setState(JobState.CANCELLED).build());
    JobCancellationService.Cancellation again = cancellations.cancel("c1", "test");
    assertThat(again.requested()).isFalse();
    assertThat(again.status().getState()).isEqualTo(JobState.CANCELLED);
    assertThat(commands).hasSize(2);
    assertThatThrownBy(() -> cancellations.cancel("ghost", "test"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().getCode()).isEqualTo(404));
  }

  private JobStatusChanged submit(String body) {
    return service.submit(body.getBytes(UTF_8));
  }
}
