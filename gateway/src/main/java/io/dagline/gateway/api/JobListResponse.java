package io.dagline.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of jobs, newest submission first; {@code nextCursor} asks for the next page, null on the last. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobListResponse(List<JobStatusResponse> jobs, String nextCursor) {}
