package io.dagline.cli;

/**
 * What {@code dagline} exits with, so scripts can tell outcomes apart. Listed in the README; never
 * renumber one, scripts depend on them.
 */
public final class ExitCodes {

  /** The command did what was asked; with {@code --watch}, the job SUCCEEDED. */
  public static final int OK = 0;
  /** With {@code --watch}: the job FAILED. */
  public static final int JOB_FAILED = 1;
  /** Wrong arguments or options, or a file that cannot be read (picocli's own usage code). */
  public static final int USAGE = 2;
  /** With {@code --watch}: the job was CANCELLED. */
  public static final int JOB_CANCELLED = 3;
  /** The gateway rejected the input: 400 (invalid job), 409 (conflicting resubmission), 413, 415, or a REJECTED job. */
  public static final int REJECTED = 4;
  /** No such job (404). */
  public static final int NOT_FOUND = 5;
  /** The gateway wants a (valid) token: 401 or 403. */
  public static final int UNAUTHORIZED = 6;
  /** No answer from the gateway: connection refused, timed out, or not HTTP. */
  public static final int UNREACHABLE = 7;
  /** Any other answer of the gateway, such as a 5xx. */
  public static final int GATEWAY_ERROR = 8;
  /** The CLI itself failed: a bug, reported with its stack trace. */
  public static final int INTERNAL_ERROR = 9;

  private ExitCodes() {}

  /** The exit code for an HTTP error answer. */
  public static int forHttpStatus(int status) {
    return switch (status) {
      case 400, 409, 413, 415, 422 -> REJECTED;
      case 401, 403 -> UNAUTHORIZED;
      case 404 -> NOT_FOUND;
      default -> GATEWAY_ERROR;
    };
  }

  /** The exit code of {@code --watch} once the job reached {@code state}. */
  public static int forFinalState(String state) {
    return switch (state) {
      case "SUCCEEDED" -> OK;
      case "FAILED" -> JOB_FAILED;
      case "CANCELLED" -> JOB_CANCELLED;
      case "REJECTED" -> REJECTED;
      default -> throw new IllegalArgumentException("not a final job state: " + state);
    };
  }

  public static boolean isFinal(String state) {
    return switch (state) {
      case "SUCCEEDED", "FAILED", "CANCELLED", "REJECTED" -> true;
      default -> false;
    };
  }
}
