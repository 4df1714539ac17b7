package io.strata.index;

import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;

/**
 * The layout of an event in a Lucene index: which internal fields exist, how typed values are kept
 * apart, and the newest-first order of search results.
 */
public final class IndexSchema {

  /** Event time, epoch millis: points for ranges, doc values for sorting and histograms. */
  public static final String TIMESTAMP = "@timestamp";

  /** Unique, replay-stable position of the event: Kafka partition, offset and place in the record. */
  public static final String SEQ = "_seq";

  /** The event exactly as sent, prefixed with its kind byte; stored, compressed. */
  public static final String SOURCE = "_source";

  /** Ingest time, epoch millis; stored so normalisation can be repeated at read time. */
  public static final String INGESTED = "_ingested";

  /**
   * What a parsing rule extracted from the event when it was indexed ({@link ParsedFields});
   * stored, since the rule may have changed or gone by the time the event is read.
   */
  public static final String PARSED = "_parsed";

  /**
   * The sender's document id of an event that has one (the bulk API's {@code _id}): an exact term,
   * by which a retried document replaces the first copy in its index.
   */
  public static final String DOC_ID = "_doc_id";

  /**
   * Suffix of the field holding a field's numeric values as points. Lucene fixes one schema per field
   * name, so a field that is a number in one event and a string in another keeps its string form under
   * its own name and its numeric form under this one, and neither event is lost.
   */
  public static final String NUMERIC_SUFFIX = "#num";

  /** Newest first, the order of search results; the sequence breaks ties so that paging is stable. */
  public static final Sort NEWEST_FIRST = new Sort(
      new SortedNumericSortField(TIMESTAMP, SortField.Type.LONG, true),
      new SortedNumericSortField(SEQ, SortField.Type.LONG, true));

  /** Oldest first: the reverse of {@link #NEWEST_FIRST}, for reading forward in time. */
  public static final Sort OLDEST_FIRST = new Sort(
      new SortedNumericSortField(TIMESTAMP, SortField.Type.LONG, false),
      new SortedNumericSortField(SEQ, SortField.Type.LONG, false));

  /** Bits of a sequence number that hold the Kafka partition. */
  static final int PARTITION_BITS = 10;

  /** Bits of a sequence number that hold the event's place in its record. */
  static final int ORDINAL_BITS = 14;

  private IndexSchema() {}

  /** Packs a Kafka position into a sequence number; ordering follows the offset first. */
  public static long seq(int partition, long offset, int ordinal) {
    return (offset << (ORDINAL_BITS + PARTITION_BITS)) | ((long) ordinal << PARTITION_BITS)
        | partition;
  }

  /** The name under which numeric values of {@code field} are indexed as points. */
  public static String numeric(String field) {
    return field + NUMERIC_SUFFIX;
  }

  /** The attribute an index field holds: {@code field} itself, or the one of its numeric points. */
  public static String attributeName(String indexField) {
    return indexField.endsWith(NUMERIC_SUFFIX)
        ? indexField.substring(0, indexField.length() - NUMERIC_SUFFIX.length()) : indexField;
  }
}
