package io.strata.search;

import io.strata.index.TenantIndexes;
import io.strata.infra.http.ProblemException;
import io.strata.infra.http.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.lucene.search.Query;

/**
 * Reads the {@code q}, {@code from} and {@code to} parameters shared by search, histogram, facets,
 * export, trace, context, tail and saved searches, with the same defaults, the same {@link
 * QueryLimits} and the same problem+json errors everywhere.
 *
 * <p>Caution: parsing a query is CPU work (bounded by the limits, but up to about a second at
 * worst): call this on a worker thread, never on a Vert.x event loop.
 */
@ApplicationScoped
public class EventFilters {

  /** The range read when the caller gives no {@code from}. */
  public static final String DEFAULT_FROM = "now-24h";

  private final TenantIndexes indexes;
  private final QueryLimits limits;

  EventFilters(TenantIndexes indexes, QueryLimits limits) {
    this.indexes = indexes;
    this.limits = limits;
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
    return new EventFilter(query(q, now), fromMillis, toMillis, now, q == null ? "" : q);
  }

  /**
   * The filter another node parsed from {@code q} over {@code [fromMillis, toMillis]}, its relative
   * times read against the same {@code nowMillis}, so every node reads the same events.
   */
  public EventFilter at(String q, long fromMillis, long toMillis, long nowMillis) {
    return new EventFilter(query(q, nowMillis), fromMillis, toMillis, nowMillis, q);
  }

  /** Only the query of {@code q} (blank matches everything), with relative times read as of now. */
  public Query query(String q) {
    return query(q, System.currentTimeMillis());
  }

  private Query query(String q, long now) {
    return new EventQueryParser(indexes.messageAnalyzer(), now, limits).parseQuery(q);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static long time(String parameter, String value, long now) {
    return QueryParams.time(parameter, value, now);
  }
}
