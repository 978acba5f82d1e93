package io.dagline.gateway.api;

import io.micronaut.serde.annotation.Serdeable;

/** The answer to an accepted submission. */
@Serdeable
public record SubmitJobResponse(String jobId, String state, Links links) {

  @Serdeable
  public record Links(String self, String tasks) {}

  public static String jobPath(String jobId) {
    return "/v1/jobs/" + jobId;
  }

  public static SubmitJobResponse submitted(String jobId, String state) {
    return new SubmitJobResponse(jobId, state, new Links(jobPath(jobId), jobPath(jobId) + "/tasks"));
  }
}
