package io.dagline.cli;

/** No HTTP answer from the gateway at all. */
public final class GatewayUnreachableException extends RuntimeException {

  public GatewayUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
