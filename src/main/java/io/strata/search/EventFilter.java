package io.strata.search;

import java.time.LocalDate;
import org.apache.lucene.search.Query;

/**
 * The events a request is about: the parsed {@code q} and the time range {@code [from, to]} in epoch
 * millis, as every read endpoint takes them.
 *
 * @param query the user's query alone, without the time range
 * @param nowMillis the instant relative times were read against
 * @param text the query as the user wrote it, from which another node parses the same query;
 *     {@code null} for a query built in code, which only this node can run
 */
public record EventFilter(Query query, long fromMillis, long toMillis, long nowMillis,
    String text) {

  /** A filter of a query built in code. */
  public EventFilter(Query query, long fromMillis, long toMillis, long nowMillis) {
    this(query, fromMillis, toMillis, nowMillis, null);
  }

  private static final long DAY_MILLIS = 86_400_000L;

  /** The query and the time range together, as one Lucene query. */
  public Query timeBounded() {
    return TimeRanges.bounded(query, fromMillis, toMillis);
  }

  /** The UTC day of {@code from}: the oldest day index to read. */
  public LocalDate firstDay() {
    return day(fromMillis);
  }

  /** The UTC day of {@code to}: the newest day index to read. */
  public LocalDate lastDay() {
    return day(toMillis);
  }

  static LocalDate day(long millis) {
    return LocalDate.ofEpochDay(Math.floorDiv(millis, DAY_MILLIS));
  }
}
