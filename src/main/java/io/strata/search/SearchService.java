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
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import io.strata.cluster.MissingNode;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

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

  private static final long DAY_MILLIS = 86_400_000L;

  private final TenantIndexes indexes;
  private final EventFilters filters;
  private final MeterRegistry metrics;

  private final AuditTrail audit;
  private final ShardFanOut fanOut;
  private final Executor fetchHelpers;

  SearchService(TenantIndexes indexes, EventFilters filters, MeterRegistry metrics,
      AuditTrail audit, ShardFanOut fanOut, FetchThreads fetchThreads) {
    this.fetchHelpers = fetchThreads.executor();
    this.audit = audit;
    this.fanOut = fanOut;
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
        page.next(), tookNanos / 1_000_000, !page.missing.isEmpty(), List.copyOf(page.missing));
  }

  /**
   * The page of up to {@code limit} events after {@code after}, newest first. Unless {@code
   * countAll}, only the events after the cursor are counted, which makes a deep page as cheap as the
   * first; with it, the total covers the whole range.
   */
  @AuditExempt("a building block of search, export and trace, whose entry points record the read")
  public Page page(String tenant, EventFilter filter, int limit, Cursor after, boolean countAll) {
    if (!fanOut.distributed() || filter.text() == null) {
      return localPage(tenant, filter, limit, after, countAll);
    }
    return clusterPage(tenant, filter, limit, after, countAll);
  }

  /**
   * Asks every node that holds indexes for its part of the page, in parallel, this one included, and
   * merges the answers; a node that is down or does not answer within the request timeout is listed
   * in {@link Page#missing()}.
   */
  private Page clusterPage(String tenant, EventFilter filter, int limit, Cursor after,
      boolean countAll) {
    ShardFanOut.Parts<ShardPage> parts = fanOut.ask(tenant, ShardSearchResource.PAGE,
        ShardPageRequest.of(filter, limit, after, countAll), ShardPage.class,
        () -> ShardPage.of(localPage(tenant, filter, limit, after, countAll)));
    return PageMerge.merge(limit,
        parts.answers().stream().map(part -> part.toPage(limit)).toList(), parts.missing());
  }

  /** The page of the indexes on this node alone; what a node answers another. */
  @AuditExempt("a node's part of a read another node records")
  public Page localPage(String tenant, EventFilter filter, int limit, Cursor after,
      boolean countAll) {
    Page page = new Page(limit);
    // A page holds nothing newer than its cursor: a later event was on an earlier page.
    long newest = after == null ? filter.toMillis()
        : Math.min(filter.toMillis(), after.timestampMillis());
    Query query = filter.query();
    try (SearchableBuckets buckets = indexes.forSearch(tenant, filter.firstDay(), filter.lastDay())) {
      for (SearchableBucket bucket : buckets) {
        long dayStart = bucket.day().toEpochDay() * DAY_MILLIS;
        long from = Math.max(filter.fromMillis(), dayStart);
        long to = Math.min(filter.toMillis(), dayStart + DAY_MILLIS - 1);
        long readTo = Math.min(to, newest);
        if (countAll && readTo < to && page.countBudget() > 0) {
          count(bucket, query, Math.max(from, readTo + 1), to, page);
        }
        if (from > readTo) {
          continue;
        }
        if (!page.isFull()) {
          readDay(bucket, query, from, readTo, after, page);
        } else if (countAll && page.countBudget() > 0) {
          // Nothing to read here, but the total covers the whole range (#13): a day with a
          // page's worth of matches no longer hides how many the other days hold.
          count(bucket, query, from, readTo, page);
        } else {
          page.exact = false; // older days were not counted
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return page;
  }

  /** Adds the newest hits of one day index within {@code [from, to]} to the page. */
  private void readDay(SearchableBucket bucket, Query query, long from, long to,
      Cursor after, Page page) throws IOException {
    IndexSearcher searcher = bucket.searchers().acquire();
    try {
      FieldDoc afterDoc = after == null ? null : new FieldDoc(Integer.MAX_VALUE, Float.NaN,
          new Object[] {after.timestampMillis(), after.seq()});
      NewestFirstWindows.read(searcher, query, from, to, afterDoc, page, fetchHelpers);
    } finally {
      bucket.searchers().release(searcher);
    }
  }

  /** Adds the matches of one day index within {@code [from, to]} to the total, up to the budget. */
  private static void count(SearchableBucket bucket, Query query, long from, long to, Page page)
      throws IOException {
    IndexSearcher searcher = bucket.searchers().acquire();
    try {
      count(searcher, query, from, to, page);
    } finally {
      bucket.searchers().release(searcher);
    }
  }

  static void count(IndexSearcher searcher, Query query, long from, long to, Page page)
      throws IOException {
    int budget = page.countBudget();
    if (budget <= 0) {
      page.exact = false;
      return;
    }
    BoundedCount.Result counted = searcher.search(
        TimeRanges.bounded(searcher.getIndexReader(), query, from, to), new BoundedCount(budget));
    page.total += counted.count();
    page.exact &= !counted.reachedBudget();
  }

  /**
   * Adds to the total the matches of {@code query} in the whole of {@code searcher}'s index but
   * the {@code counted} ones already added, up to the budget: the rest of a day whose newest part
   * has been read, counted without checking each match's time.
   */
  static void countAllBut(IndexSearcher searcher, Query query, long counted, Page page)
      throws IOException {
    int budget = page.countBudget();
    if (budget <= 0) {
      page.exact = false;
      return;
    }
    BoundedCount.Result all = searcher.search(query, new BoundedCount(budget + counted));
    page.total += Math.max(0, all.count() - counted);
    page.exact &= !all.reachedBudget();
  }

  /** A page of events filled across day indexes, newest first. */
  public static final class Page {
    final int limit;
    final List<Map<String, Object>> events;
    /** Where each event is, in the order of {@link #events}. */
    final List<Cursor> positions;
    final List<MissingNode> missing = new ArrayList<>(0);
    long total;
    boolean exact = true;
    /** Whether a next page may hold events though this one is not full. */
    boolean more;
    Cursor last;

    Page(int limit) {
      this.limit = limit;
      this.events = new ArrayList<>(Math.min(limit, 128));
      this.positions = new ArrayList<>(Math.min(limit, 128));
    }

    void add(Map<String, Object> event, Cursor at) {
      events.add(event);
      positions.add(at);
      last = at;
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
      return isFull() || more && last != null ? last : null;
    }

    /** The nodes whose events are missing from this page (down, or too slow to answer). */
    public List<MissingNode> missing() {
      return missing;
    }

    String next() {
      Cursor next = nextCursor();
      return next == null ? null : next.encode();
    }
  }
}
