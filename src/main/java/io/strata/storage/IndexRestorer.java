package io.strata.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.strata.StrataConfig;
import io.strata.cluster.NodeRoles;
import io.strata.cluster.Role;
import io.strata.index.IndexId;
import io.strata.index.RemoteIndex;
import io.strata.index.ReplayStarts;
import io.strata.index.TenantIndexes;
import io.strata.integrity.IndexSealer;
import io.strata.schema.SchemaMigrations;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Brings back, at start, the indexes this node has in the bucket and lacks on its disk: a node
 * whose disk was lost (or a replacement started under its {@code STRATA_NODE_ID}) takes the last
 * commit of each as in the bucket only (fetched, every file checked against the catalog's
 * SHA-256, when a search or a write first needs it), and then has Kafka read again from the
 * node's last checkpoint ({@code storage_checkpoints}), so that what it indexed after
 * that checkpoint is indexed again, and nothing twice: each restored index's own commit offsets
 * skip the records it holds. Runs before the event consumer starts, and keeps trying while the
 * catalog does not answer: a node that indexed on an empty disk would hide its restorable days.
 */
@ApplicationScoped
public class IndexRestorer {

  private static final Logger LOG = Logger.getLogger(IndexRestorer.class);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final String HELD = "SELECT DISTINCT ON (tenant, index_name) tenant, index_name, "
      + CatalogRows.COLUMNS + " FROM index_objects WHERE node_id = $1 AND removed_at IS NULL"
      + " ORDER BY tenant, index_name, generation DESC";
  private static final String CHECKPOINT = "SELECT offsets FROM storage_checkpoints"
      + " WHERE node_id = $1";

  private final StorageConfig config;
  private final TenantIndexes indexes;
  private final ReplayStarts replays;
  private final Pool pool;
  private final String node;
  private final boolean indexing;
  private final Counter restoredIndexes;
  private final Counter restoredEvents;
  private final Counter restoredBytes;

  IndexRestorer(StorageConfig config, TenantIndexes indexes, ReplayStarts replays, Pool pool,
      StrataConfig strata, NodeRoles roles, MeterRegistry metrics) {
    this.config = config;
    this.indexes = indexes;
    this.replays = replays;
    this.pool = pool;
    this.node = strata.nodeId();
    this.indexing = roles.has(Role.INDEX);
    this.restoredIndexes = metrics.counter("strata.storage.restored.indexes");
    this.restoredEvents = metrics.counter("strata.storage.restored.events");
    this.restoredBytes = metrics.counter("strata.storage.restored.bytes");
  }

  // After the schema, before the reactive messaging connectors start consuming.
  void onStart(@Observes @Priority(SchemaMigrations.PRIORITY + 2) StartupEvent event) {
    if (config.endpoint().isEmpty() || !indexing) {
      return;
    }
    long wait = Math.max(1, config.retryInterval().toMillis());
    while (true) {
      try {
        restore();
        return;
      } catch (SdkException | UncheckedIOException e) {
        LOG.warnf("Restoring this node's indexes from bucket %s failed; trying again in %d ms"
            + " (the node indexes nothing until then): %s", config.bucket(), wait,
            e.getMessage());
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while restoring indexes", e);
      }
      wait = Math.min(wait * 2, config.retryMax().toMillis());
    }
  }

  /**
   * Puts every missing index back, as in the bucket only (fetched when first read or written);
   * returns how many there were.
   */
  int restore() {
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery(HELD).execute(Tuple.of(node)).await().atMost(QUERY_TIMEOUT)
        .forEach(rows::add);
    int restored = 0;
    long events = 0;
    long bytes = 0;
    for (Row row : rows) {
      IndexId id = IndexSealer.idOf(row.getString("tenant"), row.getString("index_name"));
      if (id == null || indexes.exists(id)) {
        continue;
      }
      RemoteIndex remote = CatalogRows.remoteIndex(row);
      if (!indexes.installRemote(id, remote)) {
        continue;
      }
      if (remote.events() < 0) {
        indexes.ensureLocal(id); // the catalog does not know what it holds: fetched to count it
      }
      long live = Math.max(0, indexes.stats(id).events());
      restored++;
      events += live;
      bytes += remote.bytes();
      restoredIndexes.increment();
      restoredEvents.increment(live);
      restoredBytes.increment(remote.bytes());
      LOG.infof("Restored %s from the bucket (commit %d, %d events, %d bytes)", id,
          remote.generation(), live, remote.bytes());
    }
    if (restored == 0) {
      return 0;
    }
    Map<String, Long> offsets = new HashMap<>();
    for (Row row : pool.preparedQuery(CHECKPOINT).execute(Tuple.of(node)).await()
        .atMost(QUERY_TIMEOUT)) {
      JsonObject recorded = (JsonObject) row.getValue("offsets");
      for (String partition : recorded.fieldNames()) {
        offsets.put(partition, recorded.getLong(partition));
      }
    }
    if (offsets.isEmpty()) {
      LOG.warnf("Restored %d indexes (%d events) but this node has no checkpoint: what it indexed"
          + " beyond their commits is not read again", restored, events);
    } else {
      replays.rewind(offsets);
      LOG.infof("Restored %d indexes (%d events, %d bytes); reading Kafka again from the last"
          + " checkpoint %s", restored, events, bytes, offsets);
    }
    return restored;
  }



}
