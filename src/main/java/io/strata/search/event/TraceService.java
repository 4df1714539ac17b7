package io.strata.search.event;

import io.strata.security.Caller;
import io.strata.audit.Audited;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditEntry;
import io.strata.index.IndexSchema;
import io.strata.index.SearchableBucket;
import io.strata.index.SearchableBuckets;
import io.strata.index.TenantIndexes;
import io.strata.infra.http.ProblemException;
import io.strata.pipeline.EventFields;
import io.strata.audit.AuditExempt;
import io.strata.cluster.MissingNode;
import io.strata.infra.http.ProblemException;
import io.strata.search.EventFilter;
import io.strata.search.ShardFanOut;
import io.strata.search.EventFilters;
import io.strata.search.FieldValues;
import io.strata.search.StoredEvents;
import io.strata.search.TimeRanges;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;

/**
 * Follows one request across services: every event whose {@code trace_id} or {@code request_id} is
 * the given id, in time order. Ids are exact terms in their compact form, so this is a term lookup
 * per day index however many events the tenant has.
 */
@ApplicationScoped
public class TraceService {

  /** The range searched when the caller gives no {@code from}: requests are rarely older. */
  static final String DEFAULT_FROM = "now-7d";
  /** The most events of one trace a caller may ask for. */
  public static final int MAX_LIMIT = 10_000;
  static final int DEFAULT_LIMIT = 1000;

  private final TenantIndexes indexes;
  private final EventFilters filters;
  private final ShardFanOut fanOut;

  private final AuditTrail audit;

  TraceService(TenantIndexes indexes, EventFilters filters, AuditTrail audit,
      ShardFanOut fanOut) {
    this.fanOut = fanOut;
    this.audit = audit;
    this.indexes = indexes;
    this.filters = filters;
  }

  /** The events of trace or request {@code id} in {@code tenant}. */
  @Audited("trace")
  public TraceResponse trace(Caller caller, String id, String q, String from, String to,
      Integer limit) {
    return audit.auditedNow(AuditEntry.success(caller, "trace", id, AuditEntry.params(
            "q", q, "from", from, "to", to, "limit", limit)),
        () -> trace(caller.requireTenant(), id, q, from, to, limit));
  }

  private TraceResponse trace(String tenant, String id, String q, String from, String to,
      Integer limit) {
    String traceId = id == null ? "" : id.trim();
    if (traceId.isEmpty() || traceId.length() > 256) {
      throw ProblemException.badRequest("invalid-id", "A trace or request id has 1 to 256 "
          + "characters.").with("parameter", "id");
    }
    int max = limit == null ? DEFAULT_LIMIT : limit;
    if (max < 1 || max > MAX_LIMIT) {
      throw ProblemException.badRequest("invalid-limit", "'limit' must be between 1 and "
          + MAX_LIMIT + ", was " + max + ".").with("parameter", "limit");
    }
    EventFilter filter = filters.parse(q, from, to, DEFAULT_FROM);
    TracePart part;
    List<MissingNode> missing = List.of();
    if (fanOut.distributed() && filter.text() != null) {
      ShardTraceResource.Find request = new ShardTraceResource.Find(traceId, filter.text(),
          filter.fromMillis(), filter.toMillis(), filter.nowMillis(), max);
      ShardFanOut.Parts<TracePart> parts = fanOut.ask(tenant, ShardTraceResource.PATH, request,
          TracePart.class, () -> local(tenant, traceId, filter, max));
      part = TracePart.merge(parts.answers(), max);
      missing = parts.missing();
    } else {
      part = local(tenant, traceId, filter, max);
    }
    List<Map<String, Object>> events = part.events();
    long total = part.total();
    long first = part.first();
    long last = part.last();
    Set<String> services = new LinkedHashSet<>();
    for (Map<String, Object> event : events) {
      if (event.get(EventFields.SERVICE) instanceof String service) {
        services.add(service);
      }
    }
    if (total == 0 && !missing.isEmpty()) {
      throw new ProblemException(503, "partial", "Service unavailable", "No node that answered"
          + " holds an event of '" + traceId + "'; " + missing.size() + " did not answer.")
          .with("missing", missing).retryAfter(5);
    }
    if (total == 0) {
      throw ProblemException.notFound("No event carries trace or request id '" + traceId
          + "' in this tenant between " + Instant.ofEpochMilli(filter.fromMillis()) + " and "
          + Instant.ofEpochMilli(filter.toMillis()) + ".").with("id", traceId);
    }
    return new TraceResponse(traceId, events, List.copyOf(services),
        Instant.ofEpochMilli(first).toString(), Instant.ofEpochMilli(last).toString(),
        last - first, total, total > events.size(), !missing.isEmpty(),
        missing.isEmpty() ? null : missing);
  }

  /** This node's events of a trace another node asked for. */
  @AuditExempt("a node's part of a read another node records")
  public TracePart local(String tenant, ShardTraceResource.Find request) {
    return local(tenant, request.id(), filters.at(request.q(), request.fromMillis(),
        request.toMillis(), request.nowMillis()), request.limit());
  }

  private TracePart local(String tenant, String traceId, EventFilter filter, int max) {
    Query carriesId = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(EventFields.TRACE_ID,
            FieldValues.term(EventFields.TRACE_ID, traceId))), BooleanClause.Occur.SHOULD)
        .add(new TermQuery(new Term(EventFields.REQUEST_ID,
            FieldValues.term(EventFields.REQUEST_ID, traceId))), BooleanClause.Occur.SHOULD)
        .build();
    Query query = TimeRanges.bounded(new BooleanQuery.Builder()
        .add(carriesId, BooleanClause.Occur.FILTER)
        .add(filter.query(), BooleanClause.Occur.FILTER)
        .build(), filter.fromMillis(), filter.toMillis());
    List<Map<String, Object>> events = new ArrayList<>();
    List<long[]> positions = new ArrayList<>();
    long total = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    try (SearchableBuckets buckets = indexes.forSearch(tenant, filter.firstDay(), filter.lastDay())) {
      for (SearchableBucket bucket : buckets.list().reversed()) {
        IndexSearcher searcher = buckets.acquire(bucket);
        int room = Math.max(1, max - events.size());
        TopFieldDocs hits = searcher.search(query, new TopFieldCollectorManager(
            IndexSchema.OLDEST_FIRST, room, null, Integer.MAX_VALUE));
        total += hits.totalHits.value();
        StoredEvents stored = new StoredEvents(searcher);
        for (ScoreDoc hit : hits.scoreDocs) {
          FieldDoc doc = (FieldDoc) hit;
          long time = (Long) doc.fields[0];
          first = Math.min(first, time);
          last = Math.max(last, time);
          if (events.size() < max) {
            events.add(stored.read(doc));
            positions.add(new long[] {time, (Long) doc.fields[1]});
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return TracePart.of(events, positions, total, first, last);
  }
}
