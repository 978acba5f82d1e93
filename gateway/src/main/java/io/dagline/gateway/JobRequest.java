package io.dagline.gateway;

import io.dagline.core.model.JobSpec;
import io.dagline.schemas.FailurePolicy;
import io.dagline.schemas.RetryPolicy;
import java.util.List;

/**
 * A parsed {@code POST /v1/jobs} body: the job as the core knows it, plus the lifecycle settings that
 * only travel on the wire.
 *
 * @param retry the job's retry policy, or null
 * @param taskRetries each task's own retry policy (null where it has none), in task order
 * @param executorWaitLimitMs how long a ready task may wait at a site with no live executor before the job
 *     fails, or null (the gateway's default)
 */
public record JobRequest(JobSpec spec, RetryPolicy retry, FailurePolicy onTaskFailure, List<RetryPolicy> taskRetries,
    Long executorWaitLimitMs) {

  public JobRequest(JobSpec spec, RetryPolicy retry, FailurePolicy onTaskFailure, List<RetryPolicy> taskRetries) {
    this(spec, retry, onTaskFailure, taskRetries, null);
  }

  public JobRequest {
    onTaskFailure = onTaskFailure == null ? FailurePolicy.FAIL_JOB : onTaskFailure;
    taskRetries = taskRetries == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(taskRetries));
  }

  public JobRequest withSpec(JobSpec other) {
    return new JobRequest(other, retry, onTaskFailure, taskRetries, executorWaitLimitMs);
  }
}
