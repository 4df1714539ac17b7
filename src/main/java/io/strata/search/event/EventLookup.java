package io.strata.search.event;

import io.strata.security.Caller;
import io.strata.audit.AuditExempt;
import io.strata.audit.Audited;
import io.strata.search.ShardFanOut;
import io.strata.audit.AuditTrail;
import io.strata.audit.AuditEntry;
import io.strata.index.IndexSchema;
import io.strata.index.TimeField;
import io.strata.index.SearchableBucket;
import io.strata.index.SearchableBuckets;
import io.strata.index.TenantIndexes;
import io.strata.infra.http.ProblemException;
import io.strata.search.EventId;
import io.strata.search.StoredEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;

/**
 * Finds one event of a tenant by its {@link EventId}: the id's time picks the day index and, the
 * index being sorted on time, the few documents of that millisecond; its sequence number picks the
 * event among them.
 */
@ApplicationScoped
public class EventLookup {

  private static final long DAY_MILLIS = 86_400_000L;

  private final TenantIndexes indexes;

  private final AuditTrail audit;
  private final ShardFanOut fanOut;

  EventLookup(TenantIndexes indexes, AuditTrail audit, ShardFanOut fanOut) {
    this.audit = audit;
    this.fanOut = fanOut;
    this.indexes = indexes;
  }

  /** The event {@code id} of {@code tenant}; a 404 problem when it has none such. */
  @Audited("event")
  public Map<String, Object> find(Caller caller, String id) {
    return audit.auditedNow(AuditEntry.success(caller, "event", id),
        () -> find(caller.requireTenant(), id));
  }

  /**
   * The event {@code id} of {@code tenant}, for services that record their own read: in this node's
   * indexes, else in the other index nodes'. A 404 problem when no node holds it; a 503 when a node
   * that may hold it did not answer.
   */
  Map<String, Object> find(String tenant, String id) {
    EventId eventId = parse(id);
    if (!fanOut.distributed()) {
      Map<String, Object> here = findHere(tenant, eventId);
      if (here == null) {
        throw notFound(id);
      }
      return here;
    }
    ShardFanOut.Parts<ShardEventResource.Found> parts = fanOut.ask(tenant,
        ShardEventResource.PATH, new ShardEventResource.Find(id), ShardEventResource.Found.class,
        () -> new ShardEventResource.Found(findHere(tenant, eventId)));
    for (ShardEventResource.Found found : parts.answers()) {
      if (found.event() != null) {
        return found.event();
      }
    }
    if (!parts.missing().isEmpty()) {
      throw new ProblemException(503, "partial", "Service unavailable", "Event '" + id
          + "' is on none of the nodes that answered; " + parts.missing().size()
          + " did not, and may hold it.")
          .with("missing", parts.missing()).retryAfter(5);
    }
    throw notFound(id);
  }

  /** The event {@code id} in this node's indexes, or {@code null}. */
  @AuditExempt("a node's part of a read another node records")
  public Map<String, Object> findHere(String tenant, String id) {
    EventId eventId;
    try {
      eventId = EventId.parse(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return findHere(tenant, eventId);
  }

  private Map<String, Object> findHere(String tenant, EventId eventId) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(eventId.timestampMillis(), DAY_MILLIS));
    try (SearchableBuckets buckets = indexes.forSearch(tenant, day, day)) {
      for (SearchableBucket bucket : buckets) {
        IndexSearcher searcher = buckets.acquire(bucket);
        TopDocs hits = searcher.search(query(eventId), 1);
        if (hits.scoreDocs.length > 0) {
          return new StoredEvents(searcher).read(hits.scoreDocs[0].doc, eventId.timestampMillis(),
              eventId.seq());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return null;
  }

  /** The id in {@code text}; a 404 problem when it is not one, as no event can have it. */
  static EventId parse(String text) {
    try {
      return EventId.parse(text);
    } catch (IllegalArgumentException e) {
      throw notFound(text);
    }
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("No event '" + id + "' in this tenant.").with("id", id);
  }

  private static Query query(EventId id) {
    return new BooleanQuery.Builder()
        .add(TimeField.at(id.timestampMillis()),
            BooleanClause.Occur.FILTER)
        .add(SortedNumericDocValuesField.newSlowExactQuery(IndexSchema.SEQ, id.seq()),
            BooleanClause.Occur.FILTER)
        .build();
  }
}
