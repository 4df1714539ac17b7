package io.strata.index;

import io.quarkus.scheduler.Scheduled;
import io.strata.StrataConfig;
import io.quarkus.runtime.StartupEvent;
import io.strata.cluster.IndexesReady;
import io.strata.cluster.NodeRoles;
import io.strata.cluster.Role;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.strata.schema.SchemaMigrations;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Who took each partition of the event topic, when, and from which offset, in PostgreSQL: the
 * record that lets a node find the events it indexed twice over with another node, and drop its
 * copies. A hand-over commits everything indexed to Kafka before the partition moves; a node
 * killed with -9, or whose session expired, cannot, and the next owner starts at Kafka's last
 * committed offset, below what that node had already committed to Lucene. When that node is back,
 * it sees a later owner of the partition here and deletes its own events of the partition from
 * that owner's start offset on ({@link Indexer#dropTakenOver}): each event stays on one node.
 */
@ApplicationScoped
public class PartitionOwners {

  private static final Logger LOG = Logger.getLogger(PartitionOwners.class);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);
  private static final String CLAIM = "INSERT INTO partition_owners (topic_partition, node_id,"
      + " start_offset, assigned_at) VALUES ($1, $2, $3, clock_timestamp())"
      + " ON CONFLICT (topic_partition, node_id) DO UPDATE SET start_offset ="
      + " EXCLUDED.start_offset, assigned_at = EXCLUDED.assigned_at, dropped_from = NULL";
  // Per partition this node owned: the lowest start of any later owner. Database time orders the
  // claims of different nodes; the rebalances that separate them are seconds apart.
  private static final String CUTOFFS = "SELECT mine.topic_partition,"
      + " min(later.start_offset) AS cutoff FROM partition_owners mine"
      + " JOIN partition_owners later ON later.topic_partition = mine.topic_partition"
      + " AND later.node_id <> mine.node_id AND later.assigned_at > mine.assigned_at"
      + " WHERE mine.node_id = $1 GROUP BY mine.topic_partition, mine.dropped_from"
      + " HAVING mine.dropped_from IS DISTINCT FROM min(later.start_offset)";
  private static final String DROPPED = "UPDATE partition_owners SET dropped_from = $3"
      + " WHERE topic_partition = $1 AND node_id = $2";

  private final Pool pool;
  private final Indexer indexer;
  private final String node;
  private final boolean indexes;
  private final IndexesReady ready;

  PartitionOwners(Pool pool, Indexer indexer, StrataConfig strata, NodeRoles roles,
      IndexesReady ready) {
    this.pool = pool;
    this.indexer = indexer;
    this.node = strata.nodeId();
    this.indexes = roles.has(Role.INDEX);
    this.ready = ready;
    if (!indexes) {
      ready.open();
    }
  }

  /**
   * Drops, before this node's indexes answer any read, what it holds of partitions other nodes
   * took over while it was away: after its indexes were restored from the bucket (if they were),
   * before it joins the cluster's reads. Until that has worked, reads leave this node out.
   */
  void onStart(@Observes @Priority(SchemaMigrations.PRIORITY + 3) StartupEvent event) {
    if (indexes) {
      sweepAndOpen();
    }
  }

  /**
   * Records that this node owns {@code starts} (topic partition to the offset it reads from), after
   * dropping what it indexed of any of them beyond a later owner's start: the claim makes this
   * node the latest owner, after which that owner's start would no longer be seen.
   */
  public synchronized void claim(Map<String, Long> starts) {
    sweep();
    for (Map.Entry<String, Long> start : starts.entrySet()) {
      pool.preparedQuery(CLAIM).execute(Tuple.of(start.getKey(), node, start.getValue()))
          .await().atMost(QUERY_TIMEOUT);
    }
  }

  @Scheduled(every = "${strata.cluster.heartbeat-interval:2s}", delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduled() {
    if (!indexes) {
      return;
    }
    sweepAndOpen();
  }

  /** Sweeps; once a sweep has worked, this node's indexes answer reads. */
  private void sweepAndOpen() {
    try {
      sweep();
      ready.open();
    } catch (RuntimeException e) {
      LOG.warnf("Partitions taken over by other nodes could not be checked (this node's indexes"
          + " answer reads only once they have been): %s", e.getMessage());
    }
  }

  /** Drops this node's events of partitions that a later owner reads again; returns how many. */
  synchronized long sweep() {
    Map<String, Long> cutoffs = new HashMap<>();
    for (Row row : pool.preparedQuery(CUTOFFS).execute(Tuple.of(node)).await()
        .atMost(QUERY_TIMEOUT)) {
      cutoffs.put(row.getString("topic_partition"), row.getLong("cutoff"));
    }
    if (cutoffs.isEmpty()) {
      return 0;
    }
    long dropped = indexer.dropTakenOver(cutoffs);
    // Noted once done, so that neither this run nor a restart scans the indexes for it again.
    cutoffs.forEach((partition, cutoff) -> pool.preparedQuery(DROPPED)
        .execute(Tuple.of(partition, node, cutoff)).await().atMost(QUERY_TIMEOUT));
    if (dropped > 0) {
      LOG.infof("Dropped %d events that other nodes took over and index themselves (from %s)",
          dropped, cutoffs);
    }
    return dropped;
  }
}
