package io.dagline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

  @Test
  void shouldMapHttpErrorsToTheirExitCodes() {
    assertThat(ExitCodes.forHttpStatus(400)).isEqualTo(ExitCodes.REJECTED);
    assertThat(ExitCodes.forHttpStatus(409)).isEqualTo(ExitCodes.REJECTED);
    assertThat(ExitCodes.forHttpStatus(413)).isEqualTo(ExitCodes.REJECTED);
    assertThat(ExitCodes.forHttpStatus(415)).isEqualTo(ExitCodes.REJECTED);
    assertThat(ExitCodes.forHttpStatus(401)).isEqualTo(ExitCodes.UNAUTHORIZED);
    assertThat(ExitCodes.forHttpStatus(403)).isEqualTo(ExitCodes.UNAUTHORIZED);
    assertThat(ExitCodes.forHttpStatus(404)).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(ExitCodes.forHttpStatus(500)).isEqualTo(ExitCodes.GATEWAY_ERROR);
    assertThat(ExitCodes.forHttpStatus(503)).isEqualTo(ExitCodes.GATEWAY_ERROR);
  }

  @Test
  void shouldMapFinalJobStatesToTheirExitCodes() {
    assertThat(ExitCodes.forFinalState("SUCCEEDED")).isEqualTo(ExitCodes.OK);
    assertThat(ExitCodes.forFinalState("FAILED")).isEqualTo(ExitCodes.JOB_FAILED);
    assertThat(ExitCodes.forFinalState("CANCELLED")).isEqualTo(ExitCodes.JOB_CANCELLED);
    assertThat(ExitCodes.forFinalState("REJECTED")).isEqualTo(ExitCodes.REJECTED);
    assertThatThrownBy(() -> ExitCodes.forFinalState("RUNNING")).isInstanceOf(IllegalArgumentException.class);
    assertThat(ExitCodes.isFinal("RUNNING")).isFalse();
    assertThat(ExitCodes.isFinal("SUBMITTED")).isFalse();
  }

  @Test
  void shouldGiveEveryOutcomeItsOwnCode() {
    List<Integer> codes = List.of(ExitCodes.OK, ExitCodes.JOB_FAILED, ExitCodes.USAGE, ExitCodes.JOB_CANCELLED,
        ExitCodes.REJECTED, ExitCodes.NOT_FOUND, ExitCodes.UNAUTHORIZED, ExitCodes.UNREACHABLE, ExitCodes.GATEWAY_ERROR,
        ExitCodes.INTERNAL_ERROR);
    Set<Integer> distinct = Stream.of(codes.toArray(Integer[]::new)).collect(Collectors.toSet());
    assertThat(distinct).hasSameSizeAs(codes);
    assertThat(ExitCodes.USAGE).as("picocli's own usage code").isEqualTo(picocli.CommandLine.ExitCode.USAGE);
  }
}
