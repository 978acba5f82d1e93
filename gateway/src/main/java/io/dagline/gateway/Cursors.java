package io.dagline.gateway;

import io.micronaut.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque page cursors: the place of the last item of a page, base64url-encoded. A cursor names an
 * item's position, not an offset, so pages stay stable while items are added before it.
 */
final class Cursors {

  private static final String JOBS = "j1:";
  private static final String TASKS = "t1:";

  private Cursors() {}

  static String ofJob(StatusViews.JobOrder place) {
    return encode(JOBS + place.submittedAt() + ":" + place.jobId());
  }

  static StatusViews.JobOrder job(String cursor) {
    String text = decode(cursor, JOBS);
    int colon = text.indexOf(':');
    try {
      return new StatusViews.JobOrder(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  static String ofTask(String taskId) {
    return encode(TASKS + taskId);
  }

  static String task(String cursor) {
    return decode(cursor, TASKS);
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor, String kind) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!text.startsWith(kind)) {
      throw invalid();
    }
    return text.substring(kind.length());
  }

  private static ApiException invalid() {
    return new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_PARAMETER,
        "cursor is not one this gateway handed out; pass nextCursor of the previous page unchanged");
  }
}
