package io.dagline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JavaProcessTest {

  @AfterEach
  void clear() {
    System.clearProperty(JavaProcess.EXTRA_JVM_ARGS_PROPERTY);
  }

  @Test
  void extraJvmArgsAreSplitOnWhitespaceAndNamedAfterTheProcess() {
    System.setProperty(JavaProcess.EXTRA_JVM_ARGS_PROPERTY,
        " -XX:StartFlightRecording=filename=/tmp/{name}.jfr,settings=profile   -Xlog:gc ");

    assertThat(JavaProcess.extraJvmArgs("scheduler-1"))
        .containsExactly("-XX:StartFlightRecording=filename=/tmp/scheduler-1.jfr,settings=profile", "-Xlog:gc");
  }

  @Test
  void blankPropertyMeansNoExtraArgs() {
    System.setProperty(JavaProcess.EXTRA_JVM_ARGS_PROPERTY, "  ");

    assertThat(JavaProcess.extraJvmArgs("scheduler-1")).isEmpty();
  }
}
