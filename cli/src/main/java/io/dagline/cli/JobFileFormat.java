package io.dagline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** How a job file is written: Dagline's own JSON DAG, or a WfCommons WfFormat workflow instance. */
public enum JobFileFormat {
  JSON("application/json"),
  WFFORMAT("application/wfformat+json");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String contentType;

  JobFileFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /**
   * WfFormat when the document has a top-level {@code workflow} object and no {@code tasks} (where
   * Dagline's format keeps its tasks); JSON otherwise, including for what does not parse, so the
   * gateway names the problem.
   */
  public static JobFileFormat detect(byte[] content) {
    JsonNode root;
    try {
      root = MAPPER.readTree(content);
    } catch (IOException e) {
      return JSON;
    }
    boolean wfformat = root != null && root.isObject() && root.path("workflow").isObject() && !root.has("tasks");
    return wfformat ? WFFORMAT : JSON;
  }
}
