package io.dagline.gateway;

import io.dagline.gateway.api.JobStatusResponse;
import io.dagline.gateway.api.SubmitJobResponse;
import io.dagline.gateway.api.TaskListResponse;
import io.dagline.schemas.JobStatusChanged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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

  public JobsController(JobSubmissionService submissions, JobQueryService queries) {
    this.submissions = submissions;
    this.queries = queries;
  }

  /** The body is taken as bytes so that the gateway, not the framework, reports what is wrong with it. */
  @Post
  @Consumes(MediaType.APPLICATION_JSON)
  public HttpResponse<SubmitJobResponse> submit(@Nullable @Body byte[] body) {
    JobStatusChanged status = submissions.submit(body);
    SubmitJobResponse answer = SubmitJobResponse.submitted(status.getJobId(), status.getState().name());
    return HttpResponse.accepted(URI.create(answer.links().self())).body(answer);
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
