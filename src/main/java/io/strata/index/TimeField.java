package io.strata.index;

import java.io.IOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.search.Query;

/**
 * How the event time ({@link IndexSchema#TIMESTAMP}, epoch millis) is indexed and asked for: the one
 * place that knows, so that every range, bound and count goes through it.
 *
 * <p>Now a {@link LongField}: a points tree for ranges and counts, doc values for sorting and
 * histograms.
 */
public final class TimeField {

  private TimeField() {}

  /** Adds the event time {@code millis} to {@code document}. */
  static void add(Document document, long millis) {
    document.add(new LongField(IndexSchema.TIMESTAMP, millis, Field.Store.NO));
  }

  /** Events at {@code [fromMillis, toMillis]}, both included. */
  public static Query range(long fromMillis, long toMillis) {
    return LongField.newRangeQuery(IndexSchema.TIMESTAMP, fromMillis, toMillis);
  }

  /** Events at exactly {@code millis}. */
  public static Query at(long millis) {
    return LongField.newExactQuery(IndexSchema.TIMESTAMP, millis);
  }

  /**
   * The oldest and newest event times {@code reader} holds, without reading its events: {@code
   * [Long.MAX_VALUE, Long.MIN_VALUE]} when it holds none.
   */
  public static long[] bounds(IndexReader reader) throws IOException {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (LeafReaderContext leaf : reader.leaves()) {
      PointValues points = leaf.reader().getPointValues(IndexSchema.TIMESTAMP);
      if (points != null && points.size() > 0) {
        min = Math.min(min, LongPoint.decodeDimension(points.getMinPackedValue(), 0));
        max = Math.max(max, LongPoint.decodeDimension(points.getMaxPackedValue(), 0));
      }
    }
    return new long[] {min, max};
  }

  /** How many events of {@code reader} have an event time (deleted ones included). */
  public static int docCount(LeafReader reader) throws IOException {
    PointValues points = reader.getPointValues(IndexSchema.TIMESTAMP);
    return points == null ? 0 : points.getDocCount();
  }
}
