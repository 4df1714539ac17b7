package io.strata.savedsearch;

import io.strata.infra.http.ProblemException;
import io.strata.infra.time.TimeExpressions;
import java.util.ArrayList;
import java.util.List;

/**
 * What a saved search may hold. Bad bodies are 400 problems naming the body member in {@code field},
 * as the other JSON bodies of the API do ({@code parameter} is for query parameters). Public so that
 * the console saves under the same rules as the API.
 */
public final class SavedSearchRules {

  static final int MAX_NAME = 200;
  static final int MAX_QUERY = 4096;
  static final int MAX_TIME = 64;
  static final int MAX_COLUMNS = 100;
  static final int MAX_COLUMN = 200;

  /** A request that passed the rules, trimmed where trimming cannot change its meaning. */
  public record Valid(String name, String q, String from, String to, List<String> columns) {}

  private SavedSearchRules() {}

  public static Valid check(SavedSearchRequest request, long nowMillis) {
    if (request == null) {
      throw invalid("name", "Send {\"name\":..., \"q\":..., \"from\"?, \"to\"?, \"columns\"?}.");
    }
    String name = request.name() == null ? "" : request.name().trim();
    if (name.isEmpty()) {
      throw invalid("name", "A saved search needs a non-empty 'name'.");
    }
    text("name", name, MAX_NAME);
    String q = request.q() == null ? "" : request.q();
    text("q", q, MAX_QUERY);
    String from = time("from", request.from(), nowMillis);
    String to = time("to", request.to(), nowMillis);
    // Judged at save time as search would judge it now, so a range that can never match is refused.
    if (from != null && to != null
        && TimeExpressions.parse(from, nowMillis) > TimeExpressions.parse(to, nowMillis)) {
      throw ProblemException.badRequest("invalid-time-range", "'from' is after 'to'.")
          .with("field", "from");
    }
    return new Valid(name, q, from, to, columns(request.columns()));
  }

  private static String time(String field, String value, long nowMillis) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    text(field, trimmed, MAX_TIME);
    try {
      TimeExpressions.parse(trimmed, nowMillis);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("invalid-time", e.getMessage()).with("field", field);
    }
    return trimmed;
  }

  private static List<String> columns(List<String> requested) {
    if (requested == null) {
      return null;
    }
    if (requested.size() > MAX_COLUMNS) {
      throw invalid("columns", "At most " + MAX_COLUMNS + " 'columns', was " + requested.size() + ".");
    }
    List<String> columns = new ArrayList<>(requested.size());
    for (String column : requested) {
      if (column == null || column.isBlank()) {
        throw invalid("columns", "Every entry of 'columns' must be a non-empty field name.");
      }
      String trimmed = column.trim();
      text("columns", trimmed, MAX_COLUMN);
      columns.add(trimmed);
    }
    return columns;
  }

  /** Lengths in characters as PostgreSQL counts them (code points); NUL is refused by PostgreSQL. */
  private static void text(String field, String value, int max) {
    if (value.codePointCount(0, value.length()) > max) {
      throw invalid(field, "'" + field + "' is longer than " + max + " characters.");
    }
    if (value.indexOf('\0') >= 0) {
      throw invalid(field, "'" + field + "' must not contain NUL characters.");
    }
  }

  private static ProblemException invalid(String field, String detail) {
    return ProblemException.badRequest("invalid-saved-search", detail).with("field", field);
  }
}
