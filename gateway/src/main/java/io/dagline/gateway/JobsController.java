package io.dagline.gateway;

import io.dagline.gateway.api.ErrorResponse;
import io.dagline.gateway.api.JobListResponse;
import io.dagline.gateway.api.JobStatusResponse;
import io.dagline.gateway.api.SubmitJobResponse;
import io.dagline.gateway.api.TaskDetailResponse;
import io.dagline.gateway.api.TaskListResponse;
import io.dagline.gateway.auth.ApiTokenFilter;
import io.dagline.schemas.JobStatusChanged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
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
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Locale;
import org.reactivestreams.Publisher;

/** The job API. Submitting waits for Kafka's acknowledgements, so requests run off the event loop. */
@Controller("/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "jobs")
@SecurityRequirement(name = "bearer")
public class JobsController {

  /** The media type of a WfCommons WfFormat workflow instance. */
  public static final String WFFORMAT = "application/wfformat+json";

  private final JobSubmissionService submissions;
  private final JobQueryService queries;
  private final JobCancellationService cancellations;
  private final JobEventStreams events;
  private final GatewayMetrics metrics;

  public JobsController(JobSubmissionService submissions, JobQueryService queries,
      JobCancellationService cancellations, JobEventStreams events, GatewayMetrics metrics) {
    this.submissions = submissions;
    this.queries = queries;
    this.cancellations = cancellations;
    this.events = events;
    this.metrics = metrics;
  }

  /**
   * The body is taken as bytes so that the gateway, not the framework, reports what is wrong with it.
   * 202 for a new job; 200 with the existing job for a repeated POST (same id or Idempotency-Key,
   * same body).
   */
  @Post
  @Consumes({MediaType.APPLICATION_JSON, WFFORMAT})
  @Operation(summary = "Submit a job",
      description = "A Dagline job DAG as JSON, or a WfCommons WfFormat instance (Content-Type "
          + WFFORMAT + " or ?format=wfformat), which becomes a job replaying the recorded runtimes. "
          + "202 for a new job, 200 for a repeated identical POST.")
  @ApiResponse(responseCode = "202", description = "accepted")
  @ApiResponse(responseCode = "400", description = "invalid job", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @ApiResponse(responseCode = "403", description = "pool reserved to another tenant", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @ApiResponse(responseCode = "409", description = "id or Idempotency-Key used with another body", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @ApiResponse(responseCode = "415", description = "unsupported Content-Type", content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public HttpResponse<SubmitJobResponse> submit(HttpRequest<?> request, @Nullable @Body byte[] body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey,
      @Parameter(description = "wfformat: the body is a WfFormat instance whatever its Content-Type")
      @Nullable @QueryValue String format,
      @Parameter(description = "the pool of a WfFormat job (a Dagline job names its pool in the body)")
      @Nullable @QueryValue String pool) {
    String tenant = ApiTokenFilter.tenantOf(request);
    if (request.getContentType().isEmpty() && !"wfformat".equalsIgnoreCase(format)) {
      metrics.rejected("json", ErrorCodes.UNSUPPORTED_MEDIA_TYPE);
      throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
          "the request has no Content-Type: send application/json (a Dagline job) or " + WFFORMAT
              + " (a WfCommons instance)");
    }
    boolean wfformat = isWfFormat(request, format);
    String kind = wfformat ? "wfformat" : "json";
    JobSubmissionService.Submission submission;
    try {
      submission = wfformat
          ? submissions.submitWorkflow(body, pool, idempotencyKey, tenant)
          : submissions.submit(body, idempotencyKey, tenant);
    } catch (ApiException e) {
      metrics.rejected(kind, e.code());
      throw e;
    }
    if (submission.created()) {
      metrics.submitted(kind);
    }
    JobStatusChanged status = submission.status();
    SubmitJobResponse answer = SubmitJobResponse.submitted(status.getJobId(), status.getState().name());
    return submission.created()
        ? HttpResponse.accepted(URI.create(answer.links().self())).body(answer)
        : HttpResponse.ok(answer).header(HttpHeaders.LOCATION, answer.links().self());
  }

  private static boolean isWfFormat(HttpRequest<?> request, String format) {
    if (format != null && !format.isBlank()) {
      String wanted = format.trim().toLowerCase(Locale.ROOT);
      if (wanted.equals("wfformat")) {
        return true;
      }
      if (!wanted.equals("json") && !wanted.equals("dagline")) {
        throw new ApiException(io.micronaut.http.HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_PARAMETER,
            "format " + JobQueryService.quoteShort(format) + " is not known; expected wfformat or json");
      }
      return false;
    }
    return request.getContentType().map(type -> type.getName().equalsIgnoreCase(WFFORMAT)).orElse(false);
  }

  @Get
  @Operation(summary = "List jobs", description = "Newest submission first, a page at a time; pass nextCursor "
      + "back as cursor for the next page. since/until bound the submission time (until exclusive).")
  public JobListResponse list(HttpRequest<?> request,
      @Parameter(description = "SUBMITTED, RUNNING, SUCCEEDED, FAILED, CANCELLED or REJECTED") @Nullable @QueryValue String state,
      @Nullable @QueryValue String pool,
      @Parameter(description = "ISO-8601 instant, inclusive") @Nullable @QueryValue String since,
      @Parameter(description = "ISO-8601 instant, exclusive") @Nullable @QueryValue String until,
      @Parameter(description = "page size, 1 to 1000, default 50",
          schema = @Schema(type = "integer", minimum = "1", maximum = "1000")) @Nullable @QueryValue String limit,
      @Nullable @QueryValue String cursor) {
    return queries.jobs(new JobQueryService.JobFilter(state, pool, since, until), limit, cursor,
        ApiTokenFilter.tenantOf(request));
  }

  /** 202 when a cancellation was sent, 200 for a job already finished; both with the job's current status. */
  @Delete("/{id}")
  @Operation(summary = "Cancel a job")
  public HttpResponse<JobStatusResponse> cancel(HttpRequest<?> request, @PathVariable String id) {
    queries.visibleJob(id, ApiTokenFilter.tenantOf(request));
    JobCancellationService.Cancellation cancellation = cancellations.cancel(id, "requested through the API");
    JobStatusResponse status = JobStatusResponse.from(cancellation.status());
    return cancellation.requested() ? HttpResponse.accepted().body(status) : HttpResponse.ok(status);
  }

  @Get("/{id}")
  @Operation(summary = "A job's status")
  public JobStatusResponse job(HttpRequest<?> request, @PathVariable String id) {
    return queries.job(id, ApiTokenFilter.tenantOf(request));
  }

  @Get("/{id}/tasks")
  @Operation(summary = "A job's tasks", description = "Sorted by task id. Without limit every task comes on one "
      + "page; with limit, pass nextCursor back as cursor for the next page.")
  public TaskListResponse tasks(HttpRequest<?> request, @PathVariable String id,
      @Nullable @QueryValue String state,
      @Parameter(description = "page size, 1 to 1000; all tasks when absent",
          schema = @Schema(type = "integer", minimum = "1", maximum = "1000")) @Nullable @QueryValue String limit,
      @Nullable @QueryValue String cursor) {
    return queries.tasks(id, state, limit, cursor, ApiTokenFilter.tenantOf(request));
  }

  @Get("/{id}/tasks/{taskId}")
  @Operation(summary = "One task with its attempts")
  public TaskDetailResponse task(HttpRequest<?> request, @PathVariable String id, @PathVariable String taskId) {
    return queries.task(id, taskId, ApiTokenFilter.tenantOf(request));
  }

  @Get("/{id}/events")
  @Produces(MediaType.TEXT_EVENT_STREAM)
  @Operation(summary = "Live events of one job (server-sent events)",
      description = "Event 'job': the JobStatusResponse, first the current one, then on every change. Event "
          + "'tasks': a list of TaskStatusResponse, first all tasks, then those a report changed. The stream "
          + "completes after the job reached a final state.")
  public Publisher<Event<?>> events(HttpRequest<?> request, @PathVariable String id) {
    return events.job(id, ApiTokenFilter.tenantOf(request));
  }
}
