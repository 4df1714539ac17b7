package io.strata.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads a chain of the audit trail: filtered pages, newest first, or everything in order. */
@ApplicationScoped
public class AuditReader {

  /** What to read. Every field but the chain may be null (no filter). */
  public record Filter(String chain, Instant from, Instant to, String actor, String action,
      String outcome) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> PARAMS = new TypeReference<>() {};
  private static final String COLUMNS = "chain, seq, time, tenant, actor_type, actor_id, actor_name,"
      + " source, user_agent, action, target, params, outcome, status, prev_hash, hash";

  private final Pool pool;

  AuditReader(Pool pool) {
    this.pool = pool;
  }

  /** Up to {@code limit} events of {@code filter} with a sequence below {@code beforeSeq}, newest first. */
  public Uni<List<AuditRecord>> page(Filter filter, int limit, Long beforeSeq) {
    return page(filter, null, limit, beforeSeq);
  }

  /**
   * As {@link #page(Filter, int, Long)}, narrowed to the actions that match one of {@code
   * actionPatterns} (SQL {@code LIKE} patterns; null or empty for every action): a report over a
   * class of actions reads only those, not every search of the period.
   */
  public Uni<List<AuditRecord>> page(Filter filter, List<String> actionPatterns, int limit,
      Long beforeSeq) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_events WHERE chain = $1");
    List<Object> args = new ArrayList<>();
    args.add(filter.chain());
    if (beforeSeq != null) {
      args.add(beforeSeq);
      sql.append(" AND seq < $").append(args.size());
    }
    if (filter.from() != null) {
      args.add(filter.from().atOffset(ZoneOffset.UTC));
      sql.append(" AND time >= $").append(args.size());
    }
    if (filter.to() != null) {
      args.add(filter.to().atOffset(ZoneOffset.UTC));
      sql.append(" AND time <= $").append(args.size());
    }
    if (filter.actor() != null) {
      args.add(filter.actor());
      sql.append(" AND (actor_id = $").append(args.size()).append(" OR actor_name = $")
          .append(args.size()).append(')');
    }
    if (filter.action() != null) {
      args.add(filter.action());
      sql.append(" AND action = $").append(args.size());
    }
    if (filter.outcome() != null) {
      args.add(filter.outcome());
      sql.append(" AND outcome = $").append(args.size());
    }
    if (actionPatterns != null && !actionPatterns.isEmpty()) {
      args.add(actionPatterns.toArray(String[]::new));
      sql.append(" AND action LIKE ANY($").append(args.size()).append(')');
    }
    args.add(limit);
    sql.append(" ORDER BY seq DESC LIMIT $").append(args.size());
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
      List<AuditRecord> page = new ArrayList<>();
      for (Row row : rows) {
        page.add(record(row));
      }
      return page;
    });
  }

  /**
   * The events of {@code chain} with a sequence in {@code [fromSeq, fromSeq + count)}, oldest first.
   * Note: a range with both ends keeps PostgreSQL on the primary key for every page, where an open
   * {@code seq >= $2 ... LIMIT} may be planned (generically) as a scan and sort of the whole chain.
   */
  public Uni<List<AuditRecord>> inOrder(String chain, long fromSeq, int count) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM audit_events WHERE chain = $1"
            + " AND seq >= $2 AND seq < $3 ORDER BY seq")
        .execute(Tuple.of(chain, fromSeq, fromSeq + count)).map(rows -> {
          List<AuditRecord> page = new ArrayList<>();
          for (Row row : rows) {
            page.add(record(row));
          }
          return page;
        });
  }

  /** The first sequence number of {@code chain} at or after {@code time}, or null when none. */
  public Uni<Long> firstSeqAtOrAfter(String chain, Instant time) {
    return pool.preparedQuery("SELECT min(seq) AS seq FROM audit_events WHERE chain = $1 AND time >= $2")
        .execute(Tuple.of(chain, time.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getLong("seq"));
  }

  /** The highest sequence number stored in {@code chain}, 0 when it has none. */
  public Uni<Long> maxSeq(String chain) {
    return pool.preparedQuery("SELECT COALESCE(max(seq), 0) AS seq FROM audit_events WHERE chain = $1")
        .execute(Tuple.of(chain)).map(rows -> rows.iterator().next().getLong("seq"));
  }

  /** The head of {@code chain} as recorded, or null when the chain has no event. */
  public Uni<ChainStore.Head> head(String chain) {
    return pool.preparedQuery("SELECT seq, hash FROM audit_heads WHERE chain = $1")
        .execute(Tuple.of(chain)).map(rows -> rows.size() == 0 ? null
            : new ChainStore.Head(rows.iterator().next().getLong("seq"),
                rows.iterator().next().getString("hash")));
  }

  private static AuditRecord record(Row row) {
    OffsetDateTime time = row.getOffsetDateTime("time");
    SortedMap<String, String> params;
    try {
      params = JSON.readValue(row.getString("params"), PARAMS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AuditRecord(row.getString("chain"), row.getLong("seq"), time.toInstant(),
        row.getString("tenant"), row.getString("actor_type"), row.getString("actor_id"),
        row.getString("actor_name"), row.getString("source"), row.getString("user_agent"),
        row.getString("action"), row.getString("target"), params, row.getString("outcome"),
        row.getInteger("status"), row.getString("prev_hash"), row.getString("hash"));
  }
}
