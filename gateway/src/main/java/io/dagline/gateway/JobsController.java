package io.dagline.gateway;

import io.dagline.gateway.api.JobStatusResponse;
import io.dagline.gateway.api.SubmitJobResponse;
import io.dagline.gateway.api.TaskListResponse;
import io.dagline.schemas.JobStatusChanged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;

/** The job API. Submitting waits for Kafka's acknowledgements, so requests run off the event loop. */
@Controller("/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobsController {

  private final JobSubmissionService submissions;
  private final JobQueryService queries;
  private final JobCancellationService cancellations;

  public JobsController(JobSubmissionService submissions, JobQueryService queries,
      JobCancellationService cancellations) {
    this.submissions = submissions;
    this.queries = queries;
    this.cancellations = cancellations;
  }

  /**
   * The body is taken as bytes so that the gateway, not the framework, reports what is wrong with it.
   * 202 for a new job; 200 with the existing job for a repeated POST (same id or Idempotency-Key,
   * same body).
   */
  @Post
  @Consumes(MediaType.APPLICATION_JSON)
  public HttpResponse<SubmitJobResponse> submit(@Nullable @Body byte[] body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey) {
    JobSubmissionService.Submission submission = submissions.submit(body, idempotencyKey);
    JobStatusChanged status = submission.status();
    SubmitJobResponse answer = SubmitJobResponse.submitted(status.getJobId(), status.getState().name());
    return submission.created()
        ? HttpResponse.accepted(URI.create(answer.links().self())).body(answer)
        : HttpResponse.ok(answer).header(HttpHeaders.LOCATION, answer.links().self());
  }

  /** 202 when a cancellation was sent, 200 for a job already finished; both with the job's current status. */
  @Delete("/{id}")
  public HttpResponse<JobStatusResponse> cancel(@PathVariable String id) {
    JobCancellationService.Cancellation cancellation = cancellations.cancel(id, "requested through the API");
    JobStatusResponse status = JobStatusResponse.from(cancellation.status());
    return cancellation.requested() ? HttpResponse.accepted().body(status) : HttpResponse.ok(status);
  }

  @Get("/{id}")
  public JobStatusResponse job(@PathVariable String id) {
    return queries.job(id);
  }

  @Get("/{id}/tasks")
  public TaskListResponse tasks(@PathVariable String id, @Nullable @QueryValue String state) {
    return queries.tasks(id, state);
  }
}
