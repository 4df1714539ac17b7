package io.strata.infra.http;

import io.strata.infra.time.TimeExpressions;

/**
 * Reads numeric, boolean and time query parameters, with a problem+json naming the parameter when they are
 * not what they should be.
 */
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

  /** {@code true} or {@code false} in {@code text}, false when absent; a 400 problem otherwise. */
  public static boolean bool(String parameter, String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    return switch (text.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ProblemException.badRequest("invalid-" + parameter.replace('_', '-'), "'"
          + parameter + "' must be true or false, was '" + text + "'.").with("parameter", parameter);
    };
  }

  /**
   * Epoch milliseconds of the time expression {@code value} (see {@link TimeExpressions}) relative
   * to {@code nowMillis}; a 400 problem ({@code invalid-time}) naming {@code parameter} otherwise.
   */
  public static long time(String parameter, String value, long nowMillis) {
    try {
      return TimeExpressions.parse(value, nowMillis);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("invalid-time", e.getMessage())
          .with("parameter", parameter);
    }
  }
}
