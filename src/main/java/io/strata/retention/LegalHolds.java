package io.strata.retention;

import io.strata.index.IndexId;
import io.strata.index.TenantIndexes;
import io.strata.search.EventFilters;
import io.strata.search.TimeRanges;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.Query;

/**
 * The active legal holds as retention and erasure check them: a hold keeps an index when the index
 * holds at least one event matching the hold's query in the hold's range.
 */
@ApplicationScoped
public class LegalHolds {

  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final String ACTIVE = "SELECT id, tenant, query, from_time, to_time"
      + " FROM legal_holds WHERE released_at IS NULL ORDER BY created_at";

  /** An active hold, compiled: its query already bounded by its range. */
  public record ActiveHold(String id, String tenant, Query query, long fromMillis, long toMillis) {

    boolean covers(LocalDate day) {
      long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      return dayStart + 86_400_000L > fromMillis && dayStart <= toMillis;
    }
  }

  private final Pool pool;
  private final EventFilters filters;
  private final TenantIndexes indexes;

  LegalHolds(Pool pool, EventFilters filters, TenantIndexes indexes) {
    this.pool = pool;
    this.filters = filters;
    this.indexes = indexes;
  }

  /**
   * The active holds as they stand now, ready to ask which of them keep an index. Blocking: call on
   * a worker thread.
   */
  public ExpiryPlanner.Holds snapshot() {
    List<ActiveHold> holds = active();
    return index -> keeping(index, holds);
  }

  /** The active holds of every tenant, compiled. */
  public List<ActiveHold> active() {
    List<ActiveHold> holds = new ArrayList<>();
    for (Row row : pool.query(ACTIVE).execute().await().atMost(QUERY_TIMEOUT)) {
      OffsetDateTime from = row.getOffsetDateTime("from_time");
      OffsetDateTime to = row.getOffsetDateTime("to_time");
      long fromMillis = from == null ? Long.MIN_VALUE : from.toInstant().toEpochMilli();
      long toMillis = to == null ? Long.MAX_VALUE : to.toInstant().toEpochMilli();
      Query query = TimeRanges.bounded(filters.query(row.getString("query")), fromMillis, toMillis);
      holds.add(new ActiveHold(row.getString("id"), row.getString("tenant"), query, fromMillis,
          toMillis));
    }
    return holds;
  }

  /** The ids of {@code tenant}'s active holds that keep {@code index}. */
  public List<String> keeping(IndexId index, List<ActiveHold> holds) {
    List<String> keeping = new ArrayList<>();
    for (ActiveHold hold : holds) {
      if (hold.tenant().equals(index.tenant()) && hold.covers(index.day())
          && indexes.count(index, hold.query()) > 0) {
        keeping.add(hold.id());
      }
    }
    return keeping;
  }
}
