package io.strata.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.strata.index.IndexSchema;
import io.strata.index.SearchableBucket;
import io.strata.index.SearchableBuckets;
import io.strata.index.TenantIndexes;
import io.strata.infra.http.ProblemException;
import io.strata.pipeline.EventFields;
import io.strata.pipeline.EventNormalizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;

/**
 * Searches one tenant's events: opens only the day indexes that overlap the time range, newest day
 * first, and stops as soon as a page is full.
 */
@ApplicationScoped
public class SearchService {

  /** The largest page a caller may ask for. */
  public static final int MAX_LIMIT = 1000;

  static final int DEFAULT_LIMIT = 100;
  static final String DEFAULT_FROM = "now-24h";

  /** Matches are counted exactly up to this many, then reported as "at least". */
  private static final int COUNT_THRESHOLD = 10_000;
  private static final long DAY_MILLIS = 86_400_000L;
  private static final Set<String> STORED = Set.of(IndexSchema.SOURCE, IndexSchema.INGESTED);

  private final TenantIndexes indexes;
  private final MeterRegistry metrics;

  SearchService(TenantIndexes indexes, MeterRegistry metrics) {
    this.indexes = indexes;
    this.metrics = metrics;
  }

  /** Runs {@code request} over the events of {@code tenant}, and of no other tenant. */
  public SearchResponse search(String tenant, SearchRequest request) {
    long started = System.nanoTime();
    long now = System.currentTimeMillis();
    long from = time("from", request.from() == null || request.from().isBlank() ? DEFAULT_FROM
        : request.from(), now);
    long to = time("to", request.to() == null || request.to().isBlank() ? "now" : request.to(), now);
    if (from > to) {
      throw ProblemException.badRequest("invalid-time-range", "'from' is after 'to'.")
          .with("parameter", "from");
    }
    int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ProblemException.badRequest("invalid-limit", "'limit' must be between 1 and " + MAX_LIMIT
          + ", was " + limit + ".").with("parameter", "limit");
    }
    Cursor after = request.cursor() == null || request.cursor().isBlank() ? null
        : Cursor.decode(request.cursor());
    Query query = new BooleanQuery.Builder()
        .add(LongField.newRangeQuery(IndexSchema.TIMESTAMP, from, to), BooleanClause.Occur.FILTER)
        .add(new EventQueryParser(indexes.messageAnalyzer(), now).parseQuery(request.q()),
            BooleanClause.Occur.MUST)
        .build();

    Page page = new Page(limit);
    try (SearchableBuckets buckets = indexes.forSearch(tenant, day(from), day(to))) {
      for (SearchableBucket bucket : buckets) {
        if (page.isFull()) {
          page.exact = false; // older days were not searched at all
          break;
        }
        if (after == null || !bucket.day().isAfter(day(after.timestampMillis()))) {
          searchDay(bucket, query, after, page);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long tookNanos = System.nanoTime() - started;
    metrics.timer("strata.search.duration", "tenant", tenant).record(tookNanos, TimeUnit.NANOSECONDS);
    return new SearchResponse(page.events, page.total, page.exact ? "eq" : "gte",
        page.isFull() && page.last != null ? page.last.encode() : null, tookNanos / 1_000_000);
  }

  /** Adds the next hits of one day index to the page. */
  private static void searchDay(SearchableBucket bucket, Query query, Cursor after, Page page)
      throws IOException {
    IndexSearcher searcher = bucket.searchers().acquire();
    try {
      FieldDoc afterDoc = after == null ? null : new FieldDoc(Integer.MAX_VALUE, Float.NaN,
          new Object[] {after.timestampMillis(), after.seq()});
      TopFieldDocs hits = searcher.search(query, new TopFieldCollectorManager(
          IndexSchema.NEWEST_FIRST, page.limit - page.events.size(), afterDoc, COUNT_THRESHOLD));
      page.total += hits.totalHits.value();
      page.exact &= hits.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
      StoredFields stored = searcher.storedFields();
      EventNormalizer normalizer = new EventNormalizer();
      for (ScoreDoc hit : hits.scoreDocs) {
        FieldDoc doc = (FieldDoc) hit;
        long seq = (Long) doc.fields[1];
        page.events.add(view(stored.document(doc.doc, STORED), normalizer, bucket.day(), seq));
        page.last = new Cursor((Long) doc.fields[0], seq);
      }
    } finally {
      bucket.searchers().release(searcher);
    }
  }

  /** The page being filled, across day indexes. */
  private static final class Page {
    final int limit;
    final List<Map<String, Object>> events;
    long total;
    boolean exact = true;
    Cursor last;

    Page(int limit) {
      this.limit = limit;
      this.events = new ArrayList<>(Math.min(limit, 128));
    }

    boolean isFull() {
      return events.size() >= limit;
    }
  }

  /** The public id of an event: its day and its sequence number. */
  static String eventId(LocalDate day, long seq) {
    return day.toString().replace("-", "") + "-" + Long.toHexString(seq);
  }

  private static Map<String, Object> view(Document document, EventNormalizer normalizer,
      LocalDate day, long seq) throws IOException {
    BytesRef source = document.getBinaryValue(IndexSchema.SOURCE);
    long ingestedAt = document.getField(IndexSchema.INGESTED).numericValue().longValue();
    EventView view = new EventView();
    normalizer.normalize(source.bytes[source.offset], source.bytes, source.offset + 1,
        source.length - 1, ingestedAt, view);
    view.fields().put(EventFields.ID, eventId(day, seq));
    return view.fields();
  }

  private static LocalDate day(long millis) {
    return LocalDate.ofEpochDay(Math.floorDiv(millis, DAY_MILLIS));
  }

  private static long time(String parameter, String value, long now) {
    try {
      return TimeExpressions.parse(value, now);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("invalid-time", e.getMessage()).with("parameter", parameter);
    }
  }
}
