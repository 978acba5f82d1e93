package io.dagline.gateway;

import io.dagline.core.model.JobSpec;
import io.dagline.core.validation.JobValidator;
import io.dagline.core.validation.ValidationProblem;
import io.dagline.ingest.TaskDefinitions;
import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;
import io.dagline.schemas.TaskCounts;
import io.micronaut.http.HttpStatus;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Accepts a job: parse, assign an id, validate, publish, remember. Nothing is published unless every
 * check has passed. Free of HTTP: the controller only hands over the body and renders the result.
 */
public final class JobSubmissionService {

  private final JobRequestParser parser;
  private final JobValidator validator;
  private final JobPublisher publisher;
  private final StatusViews views;
  private final Clock clock;

  public JobSubmissionService(JobRequestParser parser, JobValidator validator, JobPublisher publisher,
      StatusViews views, Clock clock) {
    this.parser = parser;
    this.validator = validator;
    this.publisher = publisher;
    this.views = views;
    this.clock = clock;
  }

  /** Returns the accepted job's status; throws {@link ApiException} when the job is refused or cannot be published. */
  public JobStatusChanged submit(byte[] body) {
    JobSpec parsed = parser.parse(body);
    JobSpec job = parsed.jobId() != null ? parsed
        : new JobSpec(UUID.randomUUID().toString(), parsed.name(), parsed.pool(), parsed.tasks());
    List<ValidationProblem> problems = validator.validate(job);
    if (!problems.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_JOB, problems.get(0).message(), problems, null);
    }
    if (views.knows(job.jobId())) {
      // Best effort: another gateway instance may accept the same id before this one has read it.
      throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.JOB_ALREADY_EXISTS,
          "job " + job.jobId() + " already exists; submit under another id or omit the id");
    }
    long now = clock.millis();
    JobStatusChanged status = submittedStatus(job, now);
    JobCommand command = JobCommand.newBuilder().setEvent(TaskDefinitions.toJobSubmitted(job, now)).build();
    publisher.publish(status, command);
    views.recordOwnWrite(status);
    return status;
  }

  static JobStatusChanged submittedStatus(JobSpec job, long now) {
    return JobStatusChanged.newBuilder()
        .setJobId(job.jobId())
        .setName(job.name())
        .setPool(job.pool())
        .setState(JobState.SUBMITTED)
        .setTaskCount(job.tasks().size())
        .setPartitionCount(0)
        .setCounts(TaskCounts.newBuilder().build())
        .setSubmittedAt(now)
        .setUpdatedAt(now)
        .build();
  }
}
