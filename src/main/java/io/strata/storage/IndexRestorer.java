package io.strata.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.strata.StrataConfig;
import io.strata.cluster.NodeRoles;
import io.strata.cluster.Role;
import io.strata.index.IndexId;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Brings back, at start, the indexes this node has in the bucket and lacks on its disk: a node
 * whose disk was lost (or a replacement started under its {@code STRATA_NODE_ID}) downloads the
 * last commit of each, checks every file against the catalog's SHA-256, and then has Kafka read
 * again from the node's last checkpoint ({@code storage_checkpoints}), so that what it indexed after
 * that checkpoint is indexed again, and nothing twice: each restored index's own commit offsets
 * skip the records it holds. Runs before the event consumer starts, and keeps trying while the
 * bucket does not answer: a node that indexed on an empty disk would hide its restorable days.
 */
@ApplicationScoped
public class IndexRestorer {

  private static final Logger LOG = Logger.getLogger(IndexRestorer.class);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final String HELD = "SELECT DISTINCT ON (tenant, index_name) tenant, index_name,"
      + " generation, prefix, files FROM index_objects WHERE node_id = $1 AND removed_at IS NULL"
      + " ORDER BY tenant, index_name, generation DESC";
  private static final String CHECKPOINT = "SELECT offsets FROM storage_checkpoints"
      + " WHERE node_id = $1";

  private final StorageConfig config;
  private final TenantIndexes indexes;
  private final ReplayStarts replays;
  private final Pool pool;
  private final String node;
  private final Path staging;
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
    this.staging = strata.dataDir().resolve("restore").toAbsolutePath();
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
    try (ObjectStore store = ObjectStore.of(config, config.endpoint().get())) {
      long wait = Math.max(1, config.retryInterval().toMillis());
      while (true) {
        try {
          restore(store);
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
  }

  /** Downloads every missing index; returns how many there were. */
  int restore(ObjectStore store) {
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
      Path copy = staging.resolve(id.tenant()).resolve(id.directoryName());
      LocalFiles.deleteTree(copy);
      long size = download(store, row.getString("prefix"), (JsonObject) row.getValue("files"),
          copy);
      if (!indexes.install(id, copy)) {
        LocalFiles.deleteTree(copy);
        continue;
      }
      long live = indexes.stats(id).events();
      restored++;
      events += Math.max(0, live);
      bytes += size;
      restoredIndexes.increment();
      restoredEvents.increment(Math.max(0, live));
      restoredBytes.increment(size);
      LOG.infof("Restored %s from the bucket (commit %d, %d events, %d bytes)", id,
          row.getLong("generation"), live, size);
    }
    LocalFiles.deleteTree(staging);
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

  /** Downloads a commit's files into {@code into}, each checked; returns their bytes. */
  private static long download(ObjectStore store, String prefix, JsonObject files, Path into) {
    long total = 0;
    try {
      Files.createDirectories(into);
      for (String name : files.fieldNames()) {
        JsonObject file = files.getJsonObject(name);
        Path target = into.resolve(name);
        store.get(file.getString("key", prefix + name), target);
        long size = Files.size(target);
        String sha256 = LocalFiles.sha256(target);
        if (size != file.getLong("bytes") || !sha256.equals(file.getString("sha256"))) {
          throw new UncheckedIOException(new IOException("the bucket's copy of " + prefix + name
              + " differs from the catalog (" + size + " bytes, SHA-256 " + sha256 + ")"));
        }
        total += size;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return total;
  }


}
