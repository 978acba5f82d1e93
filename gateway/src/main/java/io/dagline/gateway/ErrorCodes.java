package io.dagline.gateway;

/** The values of the {@code error} field of every error answer; stable, so clients may switch on them. */
public final class ErrorCodes {

  public static final String INVALID_JSON = "INVALID_JSON";
  public static final String INVALID_FIELD = "INVALID_FIELD";
  public static final String INVALID_JOB = "INVALID_JOB";
  public static final String INVALID_PARAMETER = "INVALID_PARAMETER";
  public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
  public static final String JOB_NOT_FOUND = "JOB_NOT_FOUND";
  public static final String JOB_ALREADY_EXISTS = "JOB_ALREADY_EXISTS";
  public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
  public static final String INVALID_HEADER = "INVALID_HEADER";
  public static final String KAFKA_UNAVAILABLE = "KAFKA_UNAVAILABLE";
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
  public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
  public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
  public static final String BAD_REQUEST = "BAD_REQUEST";
  public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
  public static final String UNAUTHORIZED = "UNAUTHORIZED";
  public static final String POOL_FORBIDDEN = "POOL_FORBIDDEN";
  public static final String INVALID_WFFORMAT = "INVALID_WFFORMAT";
  public static final String TASK_NOT_FOUND = "TASK_NOT_FOUND";

  private ErrorCodes() {}
}
