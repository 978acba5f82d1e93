package io.dagline.gateway.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The tasks of one job, sorted by task id. */
@Serdeable
public record TaskListResponse(String jobId, List<TaskStatusResponse> tasks) {}
