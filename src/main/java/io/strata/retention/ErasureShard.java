package io.strata.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.cluster.ClusterNodes;
import io.strata.index.EraseResult;
import io.strata.index.IndexId;
import io.strata.index.Indexer;
import io.strata.search.EventFilters;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * This node's part of an erasure, asked by the node that runs it: the legal holds its indexes
 * would be erased against, how far the query reaches, and the erasure itself over the indexes this
 * node holds. Each index erased is recorded at once in {@code erasure_indexes} under this node's id,
 * so an erasure interrupted by a crash resumes with the indexes not done yet. Blocking.
 */
@ApplicationScoped
public class ErasureShard {

  /** An erasure as the runner asks a node to carry it out or to check it. */
  public record Scope(@JsonProperty("id") String id, @JsonProperty("query") String query,
      @JsonProperty("from_millis") long fromMillis, @JsonProperty("to_millis") long toMillis) {

    Instant from() {
      return Instant.ofEpochMilli(fromMillis);
    }

    Instant to() {
      return Instant.ofEpochMilli(toMillis);
    }
  }

  /** What is left on a node after its part: matching events, and segments still holding deletes. */
  public record Remains(@JsonProperty("remaining") long remaining,
      @JsonProperty("segments_with_deletions") long segmentsWithDeletions) {}

  /** The ids of the legal holds that cover events the erasure would delete on a node. */
  public record Blocking(@JsonProperty("holds") List<String> holds) {}

  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final String DONE = "SELECT index_name, segments_with_deletions"
      + " FROM erasure_indexes WHERE erasure_id = $1 AND node_id = $2";
  private static final String RECORD = "INSERT INTO erasure_indexes (erasure_id, node_id,"
      + " index_name, matched, deleted, segments_rewritten, segments_with_deletions, erased_at)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING";

  private final Pool pool;
  private final Indexer indexer;
  private final ErasureScope scope;
  private final LegalHolds holds;
  private final ActiveErasures active;
  private final EventFilters filters;
  private final ClusterNodes cluster;
  private final InstantSource clock;

  ErasureShard(Pool pool, Indexer indexer, ErasureScope scope, LegalHolds holds,
      ActiveErasures active, EventFilters filters, ClusterNodes cluster, InstantSource clock) {
    this.pool = pool;
    this.indexer = indexer;
    this.scope = scope;
    this.holds = holds;
    this.active = active;
    this.filters = filters;
    this.cluster = cluster;
    this.clock = clock;
  }

  /** The active holds of {@code tenant} that cover events of the erasure in this node's indexes. */
  public Blocking blockingHolds(String tenant, Scope erasure) {
    Query bounded = ErasureScope.bounded(filters.query(erasure.query()), erasure.from(),
        erasure.to());
    List<IndexId> reached = scope.indexes(tenant, erasure.from(), erasure.to());
    List<String> blocking = new ArrayList<>();
    for (LegalHolds.ActiveHold hold : holds.active()) {
      if (!hold.tenant().equals(tenant)) {
        continue;
      }
      Query both = new BooleanQuery.Builder()
          .add(bounded, BooleanClause.Occur.FILTER)
          .add(hold.query(), BooleanClause.Occur.FILTER)
          .build();
      for (IndexId index : reached) {
        if (hold.covers(index.day())
            && scope.count(index, both, erasure.from(), erasure.to()) > 0) {
          blocking.add(hold.id());
          break;
        }
      }
    }
    return new Blocking(blocking);
  }

  /** How many of the range's events on this node the erasure's query matches, of how many. */
  public ErasureScope.Counts count(String tenant, Scope erasure) {
    return scope.count(tenant, filters.query(erasure.query()), erasure.from(), erasure.to());
  }

  /**
   * Erases the erasure's events from every index of its range on this node that is not done yet,
   * recording each, and says what is left here.
   */
  public Remains erase(String tenant, Scope erasure) {
    // The erasure is running by now: from here this node's indexer drops its events too, whatever
    // arrives late or is replayed.
    active.reload();
    String node = cluster.self().id();
    Set<String> done = new HashSet<>();
    long withDeletions = 0;
    for (Row row : pool.preparedQuery(DONE).execute(Tuple.of(erasure.id(), node)).await()
        .atMost(QUERY_TIMEOUT)) {
      done.add(row.getString("index_name"));
      withDeletions += row.getInteger("segments_with_deletions");
    }
    Query query = filters.query(erasure.query());
    Query bounded = ErasureScope.bounded(query, erasure.from(), erasure.to());
    List<IndexId> reached = scope.indexes(tenant, erasure.from(), erasure.to());
    for (IndexId index : reached) {
      if (done.contains(index.name())) {
        continue;
      }
      EraseResult result = indexer.erase(index, bounded);
      pool.preparedQuery(RECORD).execute(Tuple.from(List.of(erasure.id(), node, index.name(),
          result.matched(), result.deleted(), result.segmentsRewritten(),
          result.segmentsWithDeletions(), clock.instant().atOffset(ZoneOffset.UTC))))
          .await().atMost(QUERY_TIMEOUT);
      withDeletions += result.segmentsWithDeletions();
    }
    long remaining = 0;
    for (IndexId index : reached) {
      remaining += scope.count(index, query, erasure.from(), erasure.to());
    }
    return new Remains(remaining, withDeletions);
  }
}
