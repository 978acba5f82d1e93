package io.dagline.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dagline.schemas.DataReference;
import io.micronaut.serde.annotation.Serdeable;

/** A task's result kept elsewhere: where it is, how big, and at which site. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResultReferenceResponse(String uri, long sizeBytes, String site) {

  public static ResultReferenceResponse from(DataReference reference) {
    return reference == null ? null : new ResultReferenceResponse(reference.getUri(), reference.getSizeBytes(),
        reference.getSite());
  }
}
