package io.dagline.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The tasks of one job, sorted by task id; {@code nextCursor} asks for the next page and is null on
 * the last one (always null when no limit was given).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskListResponse(String jobId, List<TaskStatusResponse> tasks, String nextCursor) {}
