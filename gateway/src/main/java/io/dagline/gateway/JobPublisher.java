package io.dagline.gateway;

import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobState;
import io.dagline.schemas.JobStatusChanged;

/** Where an accepted job goes: in production Kafka ({@link KafkaJobPublisher}). */
public interface JobPublisher {

  /** How the problem begins that a publisher records when a job it was given never reached the scheduler. */
  String SUBMISSION_FAILED = "submission failed: ";

  /** Whether the status is that of a job whose submission was not published: it may be submitted again. */
  static boolean submissionFailed(JobStatusChanged status) {
    return status.getState() == JobState.FAILED && status.getStartedAt() == null
        && !status.getProblems().isEmpty() && status.getProblems().get(0).startsWith(SUBMISSION_FAILED);
  }

  /**
   * Appends the job's first status, then the command that submits it, both keyed by job id, and
   * returns once both are acknowledged.
   *
   * @throws ApiException when the job could not be published
   */
  void publish(JobStatusChanged submittedStatus, JobCommand submitCommand);

  /**
   * Appends a command about an existing job (keyed by job id, so it follows the job's submission) and
   * returns once it is acknowledged.
   *
   * @throws ApiException when the command could not be published
   */
  void command(String jobId, JobCommand command);
}
