package io.dagline.gateway;

import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobStatusChanged;

/** Where an accepted job goes: in production Kafka ({@link KafkaJobPublisher}). */
public interface JobPublisher {

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
  default void command(String jobId, JobCommand command) {
    throw new UnsupportedOperationException("this publisher only submits jobs");
  }
}
