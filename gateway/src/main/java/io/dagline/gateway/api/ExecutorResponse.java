package io.dagline.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dagline.schemas.ExecutorHeartbeat;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An executor as its latest heartbeat describes it. {@code freeSlots} is {@code slots - busy} as the
 * executor reported it; {@code alive} is false once no heartbeat came for the configured staleness;
 * {@code functions} are those it announced it can run.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExecutorResponse(String id, String site, int slots, int busy, int freeSlots, double speed,
    String lastHeartbeat, boolean alive, java.util.List<String> functions) {

  public static ExecutorResponse from(ExecutorHeartbeat heartbeat, boolean alive) {
    return new ExecutorResponse(heartbeat.getExecutorId(), heartbeat.getSite(), heartbeat.getSlots(),
        heartbeat.getBusy(), Math.max(0, heartbeat.getSlots() - heartbeat.getBusy()), heartbeat.getSpeed(),
        Timestamps.iso(heartbeat.getSentAt()), alive, java.util.List.copyOf(heartbeat.getFunctions()));
  }
}
