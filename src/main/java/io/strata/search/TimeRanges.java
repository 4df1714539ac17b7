package io.strata.search;

import io.strata.index.IndexSchema;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/** Restricts queries to a time range in the way the index layout answers fastest. */
public final class TimeRanges {

  private TimeRanges() {}

  /**
   * {@code query} within {@code [from, to]}. Every index is sorted on the event time, so the range
   * becomes a binary search for a run of document ids (Lucene's index-sort range query) rather than
   * a points traversal, whatever the size of the day index.
   */
  public static Query bounded(Query query, long fromMillis, long toMillis) {
    Query range = LongField.newRangeQuery(IndexSchema.TIMESTAMP, fromMillis, toMillis);
    if (query == null || query instanceof MatchAllDocsQuery) {
      return range;
    }
    return new BooleanQuery.Builder()
        .add(range, BooleanClause.Occur.FILTER)
        .add(query, BooleanClause.Occur.MUST)
        .build();
  }
}
