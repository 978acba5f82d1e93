package io.dagline.cli;

import java.util.List;

/** The gateway answered with an error status; {@code error} and {@code message} come from its JSON body when it had one. */
public final class GatewayException extends RuntimeException {

  private final int status;
  private final String error;
  private final List<String> problems;

  public GatewayException(int status, String error, String message, List<String> problems) {
    super(message);
    this.status = status;
    this.error = error;
    this.problems = List.copyOf(problems);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public List<String> problems() {
    return problems;
  }
}
