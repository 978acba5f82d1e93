package io.dagline.gateway;

import io.dagline.schemas.CancelJob;
import io.dagline.schemas.JobCommand;
import io.dagline.schemas.JobStates;
import io.dagline.schemas.JobStatusChanged;
import io.micronaut.http.HttpStatus;
import java.time.Clock;

/**
 * Cancels a job: a {@code CancelJob} command, which the scheduler's job level turns into a stop of
 * every partition and of the executors' running attempts. Cancelling is idempotent: a finished job is
 * answered with its state and nothing is sent; a job already being cancelled gets the command again,
 * which changes nothing.
 */
public final class JobCancellationService {

  /** The job's status as known now, and whether a cancellation was sent. */
  public record Cancellation(JobStatusChanged status, boolean requested) {}

  private final JobPublisher publisher;
  private final StatusViews views;
  private final Clock clock;

  public JobCancellationService(JobPublisher publisher, StatusViews views, Clock clock) {
    this.publisher = publisher;
    this.views = views;
    this.clock = clock;
  }

  public Cancellation cancel(String jobId, String reason) {
    return stop(jobId, reason, false);
  }

  /** Ends a running job FAILED, with the reason as its problem: a limit ran out. */
  public Cancellation fail(String jobId, String reason) {
    return stop(jobId, reason, true);
  }

  private Cancellation stop(String jobId, String reason, boolean failJob) {
    JobStatusChanged status = views.job(jobId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
        ErrorCodes.JOB_NOT_FOUND, "job " + (jobId.length() > 40 ? '"' + jobId.substring(0, 40) + "...\"" : '"' + jobId + '"')
            + " is not known"));
    if (JobStates.isFinal(status.getState())) {
      return new Cancellation(status, false);
    }
    publisher.command(jobId, JobCommand.newBuilder()
        .setEvent(new CancelJob(jobId, clock.millis(), reason, failJob)).build());
    return new Cancellation(status, true);
  }
}
