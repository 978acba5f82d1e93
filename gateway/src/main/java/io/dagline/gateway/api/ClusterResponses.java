package io.dagline.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The answers of {@code /v1/pools}, {@code /v1/sites} and {@code /v1/executors}. */
public final class ClusterResponses {

  private ClusterResponses() {}

  @Serdeable
  public record ExecutorList(List<ExecutorResponse> executors) {}

  /** A site as the live executors' heartbeats describe it. */
  @Serdeable
  public record Site(String name, int executors, int slots, int freeSlots) {}

  @Serdeable
  public record SiteList(List<Site> sites) {}

  /** A pool the gateway accepts; {@code tenant} is the tenant it is reserved to, or null when shared. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Pool(String name, String tenant, int activeJobs) {}

  @Serdeable
  public record PoolList(List<Pool> pools) {}
}
