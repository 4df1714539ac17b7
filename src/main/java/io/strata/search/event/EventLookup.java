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
import io.strata.search.EventId;
import io.strata.search.StoredEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;
import org.apache.lucene.document.LongField;
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

  EventLookup(TenantIndexes indexes, AuditTrail audit) {
    this.audit = audit;
    this.indexes = indexes;
  }

  /** The event {@code id} of {@code tenant}; a 404 problem when it has none such. */
  @Audited("event")
  public Map<String, Object> find(Caller caller, String id) {
    return audit.auditedNow(AuditEntry.success(caller, "event", id),
        () -> find(caller.requireTenant(), id));
  }

  /** The event {@code id} of {@code tenant}, for services that record their own read. */
  Map<String, Object> find(String tenant, String id) {
    EventId eventId = parse(id);
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
    throw notFound(id);
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
        .add(LongField.newExactQuery(IndexSchema.TIMESTAMP, id.timestampMillis()),
            BooleanClause.Occur.FILTER)
        .add(SortedNumericDocValuesField.newSlowExactQuery(IndexSchema.SEQ, id.seq()),
            BooleanClause.Occur.FILTER)
        .build();
  }
}
