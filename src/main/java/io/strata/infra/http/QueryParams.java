package io.strata.infra.http;

/** Reads numeric query parameters with a problem+json naming the parameter when they are not. */
public final class QueryParams {

  private QueryParams() {}

  /** The whole number in {@code text}, {@code null} when absent; a 400 problem otherwise. */
  public static Integer integer(String parameter, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest("invalid-" + parameter.replace('_', '-'), "'" + parameter
          + "' must be a whole number, was '" + text + "'.").with("parameter", parameter);
    }
  }
}
