package io.dagline.observability;

/** One answer of a health check: up or not, and a short reason an operator can read. */
public record Health(boolean up, String detail) {

  public static Health up(String detail) {
    return new Health(true, detail);
  }

  public static Health down(String detail) {
    return new Health(false, detail);
  }
}
