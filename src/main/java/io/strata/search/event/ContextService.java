package io.strata.search.event;

import io.strata.security.Caller;
import io.strata.audit.Audited;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditEntry;
import io.strata.index.IndexSchema;
import io.strata.index.TimeField;
import io.strata.index.SearchableBucket;
import io.strata.index.SearchableBuckets;
import io.strata.index.TenantIndexes;
import io.strata.infra.http.ProblemException;
import io.strata.pipeline.EventFields;
import io.strata.audit.AuditExempt;
import io.strata.search.EventFilters;
import io.strata.search.ShardFanOut;
import io.strata.search.EventId;
import io.strata.search.StoredEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;

/**
 * The lines around an event as its own process wrote them: the events of the same service and the
 * same host (an event without one of them is framed by events also without it) just before and
 * just after it, in the order of time and then of arrival.
 */
@ApplicationScoped
public class ContextService {

  /** The most events a caller may ask for on either side. */
  public static final int MAX_SIDE = 1000;
  static final int DEFAULT_SIDE = 50;
  /** How far either side of the event's day the surrounding lines are looked for. */
  static final int DAYS_AROUND = 7;

  private static final long DAY_MILLIS = 86_400_000L;

  private final TenantIndexes indexes;
  private final EventLookup lookup;
  private final ShardFanOut fanOut;
  private final EventFilters filters;

  private final AuditTrail audit;

  ContextService(TenantIndexes indexes, EventLookup lookup, EventFilters filters, AuditTrail audit,
      ShardFanOut fanOut) {
    this.fanOut = fanOut;
    this.audit = audit;
    this.indexes = indexes;
    this.lookup = lookup;
    this.filters = filters;
  }

  /** The context of event {@code id} of {@code tenant}, narrowed by {@code q} when given. */
  @Audited("context")
  public ContextResponse context(Caller caller, String id, Integer before, Integer after, String q) {
    return audit.auditedNow(AuditEntry.success(caller, "context", id, AuditEntry.params(
            "before", before, "after", after, "q", q)),
        () -> context(caller.requireTenant(), id, before, after, q));
  }

  private ContextResponse context(String tenant, String id, Integer before, Integer after, String q) {
    int older = side("before", before);
    int newer = side("after", after);
    Map<String, Object> event = lookup.find(tenant, id);
    EventId eventId = EventLookup.parse(id);
    Object service = first(event.get(EventFields.SERVICE));
    Object host = first(event.get(EventFields.HOST));
    ShardContextResource.Around around = new ShardContextResource.Around(id,
        service instanceof String text ? text : null, host instanceof String text ? text : null,
        q == null ? "" : q, System.currentTimeMillis(), older, newer);
    if (!fanOut.distributed()) {
      ContextPart part = local(tenant, around);
      return new ContextResponse(part.before(older), event, part.after(newer));
    }
    ShardFanOut.Parts<ContextPart> parts = fanOut.ask(tenant, ShardContextResource.PATH, around,
        ContextPart.class, () -> local(tenant, around));
    ContextPart merged = ContextPart.merge(parts.answers());
    return new ContextResponse(merged.before(older), event, merged.after(newer),
        !parts.missing().isEmpty(), parts.missing().isEmpty() ? null : parts.missing());
  }

  private static Object first(Object value) {
    return value instanceof List<?> values && !values.isEmpty() ? values.getFirst() : value;
  }

  /**
   * The events of this node's indexes just before and just after an event, from the same service
   * and host: what another node asked for, or this node's own part.
   */
  @AuditExempt("a node's part of a read another node records")
  public ContextPart local(String tenant, ShardContextResource.Around around) {
    EventId eventId = EventLookup.parse(around.id());
    Query same = sameSource(around.service(), around.host(),
        filters.at(around.q(), 0, 0, around.nowMillis()).query());
    FieldDoc at = new FieldDoc(Integer.MAX_VALUE, Float.NaN,
        new Object[] {eventId.timestampMillis(), eventId.seq()});
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(eventId.timestampMillis(), DAY_MILLIS));
    try (SearchableBuckets buckets = indexes.forSearch(tenant, day.minusDays(DAYS_AROUND),
        day.plusDays(DAYS_AROUND))) {
      ContextPart.Side before = new ContextPart.Side();
      ContextPart.Side after = new ContextPart.Side();
      // Days come newest first: walk back from the event's day for what came before...
      for (SearchableBucket bucket : buckets) {
        if (before.size() < around.before() && !bucket.day().isAfter(day)) {
          read(buckets, bucket, bounded(same, Long.MIN_VALUE, eventId.timestampMillis()),
              IndexSchema.NEWEST_FIRST, at, around.before(), before);
        }
      }
      // ...and forward from it for what came after.
      for (SearchableBucket bucket : buckets.list().reversed()) {
        if (after.size() < around.after() && !bucket.day().isBefore(day)) {
          read(buckets, bucket, bounded(same, eventId.timestampMillis(), Long.MAX_VALUE),
              IndexSchema.OLDEST_FIRST, at, around.after(), after);
        }
      }
      return new ContextPart(before, after);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void read(SearchableBuckets buckets, SearchableBucket bucket, Query query,
      Sort sort, FieldDoc at, int limit, ContextPart.Side into) throws IOException {
    IndexSearcher searcher = buckets.acquire(bucket);
    // The collector directly: IndexSearcher#searchAfter wants a document id inside this index.
    TopDocs hits = searcher.search(query,
        new TopFieldCollectorManager(sort, limit - into.size(), at, Integer.MAX_VALUE));
    StoredEvents events = new StoredEvents(searcher);
    for (ScoreDoc hit : hits.scoreDocs) {
      FieldDoc doc = (FieldDoc) hit;
      into.add(events.read(doc), (Long) doc.fields[0], (Long) doc.fields[1]);
    }
  }

  /** Events from where an event came from: the same service and host, or likewise none. */
  static Query sameSource(String service, String host, Query q) {
    BooleanQuery.Builder same = new BooleanQuery.Builder();
    // A query of exclusions alone matches nothing in Lucene: start from every event.
    same.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
    String[] values = {service, host};
    List<String> fields = List.of(EventFields.SERVICE, EventFields.HOST);
    for (int i = 0; i < fields.size(); i++) {
      String field = fields.get(i);
      Object value = values[i];
      if (value instanceof String text) {
        same.add(new TermQuery(new Term(field, text)), BooleanClause.Occur.FILTER);
      } else {
        same.add(new FieldExistsQuery(field), BooleanClause.Occur.MUST_NOT);
      }
    }
    if (!(q instanceof MatchAllDocsQuery)) {
      same.add(q, BooleanClause.Occur.FILTER);
    }
    return same.build();
  }

  private static Query bounded(Query same, long from, long to) {
    return new BooleanQuery.Builder()
        .add(TimeField.range(from, to), BooleanClause.Occur.FILTER)
        .add(same, BooleanClause.Occur.FILTER)
        .build();
  }

  private static int side(String parameter, Integer value) {
    int n = value == null ? DEFAULT_SIDE : value;
    if (n < 0 || n > MAX_SIDE) {
      throw ProblemException.badRequest("invalid-size", "'" + parameter + "' must be between 0 and "
          + MAX_SIDE + ", was " + n + ".").with("parameter", parameter);
    }
    return n;
  }
}
