package io.strata.search;

import io.strata.index.TenantIndexes;
import io.strata.infra.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the {@code q}, {@code from} and {@code to} parameters shared by search, histogram, facets,
 * export and trace, with the same defaults and the same problem+json errors everywhere.
 */
@ApplicationScoped
public class EventFilters {

  /** The range read when the caller gives no {@code from}. */
  public static final String DEFAULT_FROM = "now-24h";

  private final TenantIndexes indexes;

  EventFilters(TenantIndexes indexes) {
    this.indexes = indexes;
  }

  /** The filter of {@code q} over {@code [from, to]}, {@code from} defaulting to the last 24 h. */
  public EventFilter parse(String q, String from, String to) {
    return parse(q, from, to, DEFAULT_FROM);
  }

  /** The filter of {@code q} over {@code [from, to]}, {@code from} defaulting to {@code defaultFrom}. */
  public EventFilter parse(String q, String from, String to, String defaultFrom) {
    long now = System.currentTimeMillis();
    long fromMillis = time("from", isBlank(from) ? defaultFrom : from, now);
    long toMillis = time("to", isBlank(to) ? "now" : to, now);
    if (fromMillis > toMillis) {
      throw ProblemException.badRequest("invalid-time-range", "'from' is after 'to'.")
          .with("parameter", "from");
    }
    return new EventFilter(new EventQueryParser(indexes.messageAnalyzer(), now).parseQuery(q),
        fromMillis, toMillis, now);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static long time(String parameter, String value, long now) {
    try {
      return TimeExpressions.parse(value, now);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("invalid-time", e.getMessage()).with("parameter", parameter);
    }
  }
}
