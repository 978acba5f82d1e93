package io.dagline.executor;

/**
 * Thrown by a function whose attempt failed in a way no retry can mend (a request the service refused
 * with a 4xx, a result over the inline limit): the task fails at once instead of using its retries.
 * Any other exception fails the attempt, and the task is retried while it has attempts left.
 */
public class PermanentFailureException extends Exception {

  public PermanentFailureException(String message) {
    super(message);
  }
}
