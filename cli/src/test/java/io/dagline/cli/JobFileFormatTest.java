package io.dagline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobFileFormatTest {

  @Test
  void shouldTellAWfFormatInstanceByItsWorkflowObject() {
    assertThat(detect("{\"name\":\"w\",\"schemaVersion\":\"1.5\",\"workflow\":{\"specification\":{\"tasks\":[]}}}"))
        .isEqualTo(JobFileFormat.WFFORMAT);
  }

  @Test
  void shouldTakeADaglineDagAsJson() {
    assertThat(detect("{\"name\":\"d\",\"tasks\":[{\"id\":\"a\",\"function\":\"noop\"}]}")).isEqualTo(JobFileFormat.JSON);
    assertThat(detect("{\"workflow\":{},\"tasks\":[]}")).as("tasks at the top: Dagline's").isEqualTo(JobFileFormat.JSON);
  }

  @Test
  void shouldLeaveWhatDoesNotParseToTheGatewayAsJson() {
    assertThat(detect("{not json")).isEqualTo(JobFileFormat.JSON);
    assertThat(detect("")).isEqualTo(JobFileFormat.JSON);
  }

  @Test
  void shouldSendEachWithItsContentType() {
    assertThat(JobFileFormat.JSON.contentType()).isEqualTo("application/json");
    assertThat(JobFileFormat.WFFORMAT.contentType()).isEqualTo("application/wfformat+json");
  }

  private static JobFileFormat detect(String content) {
    return JobFileFormat.detect(content.getBytes(StandardCharsets.UTF_8));
  }
}
