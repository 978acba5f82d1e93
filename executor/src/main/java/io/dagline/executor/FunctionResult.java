package io.dagline.executor;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What an attempt of a function produced: a small inline value, a reference to data kept elsewhere
 * (a URI, its size and the site that holds it), or nothing. The scheduler keeps it with the task, the
 * API serves it, and each successor receives it among its {@linkplain TaskInvocation#inputs() inputs}.
 *
 * <p>An inline value may be at most {@value #INLINE_LIMIT_BYTES} bytes (UTF-8); a larger one fails the
 * attempt. Return a reference for anything bigger: the data stays where it is, and only its address
 * travels through Kafka.
 */
public record FunctionResult(String value, URI uri, long sizeBytes, String site) {

  /** The largest inline value, in UTF-8 bytes. */
  public static final int INLINE_LIMIT_BYTES = 64 * 1024;

  private static final FunctionResult NONE = new FunctionResult(null, null, 0, null);

  public FunctionResult {
    if (value != null && uri != null) {
      throw new IllegalArgumentException("a result is a value or a reference, not both");
    }
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("a reference's size cannot be negative: " + sizeBytes);
    }
  }

  /** An inline value (null: nothing). */
  public static FunctionResult of(String value) {
    return value == null ? NONE : new FunctionResult(value, null, 0, null);
  }

  /** A reference to data this function wrote elsewhere; {@code site} may be null. */
  public static FunctionResult reference(URI uri, long sizeBytes, String site) {
    return new FunctionResult(null, Objects.requireNonNull(uri, "uri"), sizeBytes, site);
  }

  public static FunctionResult none() {
    return NONE;
  }

  public boolean isReference() {
    return uri != null;
  }

  public boolean isEmpty() {
    return value == null && uri == null;
  }

  /** The inline value's size in UTF-8 bytes (0 for a reference or nothing). */
  public int inlineBytes() {
    return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
  }
}
