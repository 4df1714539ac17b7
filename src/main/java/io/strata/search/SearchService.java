package io.strata.search;

import io.strata.audit.AuditExempt;
import io.strata.security.Caller;
import io.strata.audit.Audited;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.index.IndexSchema;
import io.strata.index.SearchableBucket;
import io.strata.index.SearchableBuckets;
import io.strata.index.TenantIndexes;
import io.strata.infra.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;

/**
 * Searches one tenant's events: opens only the day indexes that overlap the time range, newest day
 * first, reads events until a page is full, and counts the matches of the whole range exactly up to
 * 10,000 (then "at least", as Elasticsearch does).
 */
@ApplicationScoped
public class SearchService {

  /** The largest page a caller may ask for. */
  public static final int MAX_LIMIT = 1000;

  static final int DEFAULT_LIMIT = 100;

  /** Matches over the whole range are counted exactly up to this many, then as "at least". */
  private static final int COUNT_THRESHOLD = 10_000;

  private final TenantIndexes indexes;
  private final EventFilters filters;
  private final MeterRegistry metrics;

  private final AuditTrail audit;

  SearchService(TenantIndexes indexes, EventFilters filters, MeterRegistry metrics,
      AuditTrail audit) {
    this.audit = audit;
    this.indexes = indexes;
    this.filters = filters;
    this.metrics = metrics;
  }

  /** Runs {@code request} over the events of the caller's tenant, and of no other tenant. */
  @Audited("search")
  public SearchResponse search(Caller caller, SearchRequest request) {
    return audit.auditedNow(AuditEntry.success(caller, "search", null, AuditEntry.params(
            "q", request.q(), "from", request.from(), "to", request.to(),
            "limit", request.limit(), "cursor", request.cursor())),
        () -> search(caller.requireTenant(), request));
  }

  private SearchResponse search(String tenant, SearchRequest request) {
    long started = System.nanoTime();
    EventFilter filter = filters.parse(request.q(), request.from(), request.to());
    int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ProblemException.badRequest("invalid-limit", "'limit' must be between 1 and " + MAX_LIMIT
          + ", was " + limit + ".").with("parameter", "limit");
    }
    Cursor after = request.cursor() == null || request.cursor().isBlank() ? null
        : Cursor.decode(request.cursor());
    Page page = page(tenant, filter, limit, after, true);
    long tookNanos = System.nanoTime() - started;
    metrics.timer("strata.search.duration", "tenant", tenant).record(tookNanos, TimeUnit.NANOSECONDS);
    return new SearchResponse(page.events, page.total, page.exact ? "eq" : "gte",
        page.next(), tookNanos / 1_000_000);
  }

  /**
   * The page of up to {@code limit} events after {@code after}, newest first. Unless {@code
   * countAll}, the range is cut at the cursor's time, which makes a deep page as cheap as the first
   * (a binary search on the time-sorted index instead of a walk past every newer event) but counts
   * only the events after the cursor.
   */
  @AuditExempt("a building block of search, export and trace, whose entry points record the read")
  public Page page(String tenant, EventFilter filter, int limit, Cursor after, boolean countAll) {
    Query query = filter.timeBounded();
    if (!countAll && after != null && after.timestampMillis() < filter.toMillis()) {
      query = TimeRanges.bounded(filter.query(), filter.fromMillis(),
          Math.max(filter.fromMillis(), after.timestampMillis()));
    }
    Page page = new Page(limit);
    try (SearchableBuckets buckets = indexes.forSearch(tenant, filter.firstDay(), filter.lastDay())) {
      for (SearchableBucket bucket : buckets) {
        boolean newerThanCursor =
            after != null && bucket.day().isAfter(EventFilter.day(after.timestampMillis()));
        if (!page.isFull() && !newerThanCursor) {
          searchDay(bucket, query, after, page);
        } else if (!countAll) {
          if (page.isFull()) {
            page.exact = false; // older days were not searched at all
            break;
          }
        } else if (page.total < COUNT_THRESHOLD) {
          // Nothing to read here, but the total covers the whole range (#13): a day with a
          // page's worth of matches no longer hides how many the other days hold.
          countDay(bucket, query, page);
        } else {
          page.exact = false;
          if (page.isFull()) {
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return page;
  }

  /** Adds the next hits of one day index to the page. */
  private static void searchDay(SearchableBucket bucket, Query query, Cursor after, Page page)
      throws IOException {
    IndexSearcher searcher = bucket.searchers().acquire();
    try {
      FieldDoc afterDoc = after == null ? null : new FieldDoc(Integer.MAX_VALUE, Float.NaN,
          new Object[] {after.timestampMillis(), after.seq()});
      TopFieldDocs hits = searcher.search(query, new TopFieldCollectorManager(
          IndexSchema.NEWEST_FIRST, page.limit - page.events.size(), afterDoc, page.countBudget()));
      page.total += hits.totalHits.value();
      page.exact &= hits.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
      StoredEvents events = new StoredEvents(searcher);
      for (ScoreDoc hit : hits.scoreDocs) {
        FieldDoc doc = (FieldDoc) hit;
        page.events.add(events.read(doc));
        page.last = new Cursor((Long) doc.fields[0], (Long) doc.fields[1]);
      }
    } finally {
      bucket.searchers().release(searcher);
    }
  }

  /**
   * Adds the matches of one day index to the total, counting no further than the count threshold
   * allows: the index is sorted by time as the collector is, so it stops early once there.
   */
  private static void countDay(SearchableBucket bucket, Query query, Page page)
      throws IOException {
    IndexSearcher searcher = bucket.searchers().acquire();
    try {
      TopFieldDocs hits = searcher.search(query,
          new TopFieldCollectorManager(IndexSchema.NEWEST_FIRST, 1, null, page.countBudget()));
      page.total += hits.totalHits.value();
      page.exact &= hits.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
    } finally {
      bucket.searchers().release(searcher);
    }
  }

  /** A page of events filled across day indexes, newest first. */
  public static final class Page {
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

    /** How many more matches are worth counting exactly. */
    int countBudget() {
      return (int) Math.max(0, COUNT_THRESHOLD - total);
    }

    /** The events, newest first. */
    public List<Map<String, Object>> events() {
      return events;
    }

    /** The cursor of the next page, or {@code null} when this one was the last. */
    public Cursor nextCursor() {
      return isFull() ? last : null;
    }

    String next() {
      Cursor next = nextCursor();
      return next == null ? null : next.encode();
    }
  }
}
