package io.dagline.gateway;

import io.dagline.gateway.auth.ApiTokenFilter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.sse.Event;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.reactivestreams.Publisher;

/** Every job's status changes as server-sent events, for the jobs list. */
@Controller("/v1/events")
@Tag(name = "jobs")
@SecurityRequirement(name = "bearer")
public class EventsController {

  private final JobEventStreams events;

  public EventsController(JobEventStreams events) {
    this.events = events;
  }

  @Get
  @Produces(MediaType.TEXT_EVENT_STREAM)
  @Operation(summary = "Live status changes of every job (server-sent events)",
      description = "Event 'job' with the JobStatusResponse of each job that changes; only the caller's jobs "
          + "when authentication is on. Never completes.")
  public Publisher<Event<?>> events(HttpRequest<?> request) {
    return events.allJobs(ApiTokenFilter.tenantOf(request));
  }
}
