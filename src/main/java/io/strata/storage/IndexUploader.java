package io.strata.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.strata.StrataConfig;
import io.strata.cluster.NodeRoles;
import io.strata.cluster.Role;
import io.strata.index.IndexDeletion;
import io.strata.index.IndexId;
import io.strata.index.IndexSnapshot;
import io.strata.index.RemoteIndex;
import io.strata.index.Indexer;
import io.strata.index.CommitFiles;
import io.strata.index.TenantIndexes;
import io.strata.integrity.IndexSealed;
import io.strata.integrity.IndexSealer;
import io.strata.schema.SchemaMigrations;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Puts the indexes this node sealed into the bucket, commit by commit, and records each in the
 * catalog ({@code index_objects}) once every one of its files is there. What is pending is what
 * {@code index_seals} names for this node and the catalog lacks: a failed upload, or one a restart
 * cut short, is simply still pending and is tried again after {@link StorageConfig#retryInterval()}
 * (doubling while it keeps failing). Works on a thread of its own, woken by each seal and by a
 * schedule, never on the indexing path. Does nothing when {@link StorageConfig#endpoint()} is
 * unset.
 *
 * <p>Every {@link StorageConfig#checkpointInterval()} it also checkpoints: every index changed
 * since the last time (today's among them) goes up at one commit of all, files the bucket holds
 * already skipped, and then the Kafka offsets that commit covers are recorded ({@code
 * storage_checkpoints}). That is what {@link IndexRestorer} brings a node with a lost disk back
 * from.
 */
@ApplicationScoped
public class IndexUploader {

  private static final Logger LOG = Logger.getLogger(IndexUploader.class);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final String PENDING = "SELECT s.tenant, s.index_name, s.generation"
      + " FROM index_seals s WHERE s.node_id = $1 AND NOT EXISTS (SELECT 1 FROM index_objects o"
      + " WHERE o.tenant = s.tenant AND o.index_name = s.index_name AND o.node_id = s.node_id"
      + " AND o.generation = s.generation) ORDER BY s.sealed_at";
  // Not for an index whose bucket copy is marked for removal: retention is deleting it.
  private static final String RECORD = "INSERT INTO index_objects (tenant, index_name, node_id,"
      + " generation, prefix, files, bytes, uploaded_at, events, offsets)"
      + " SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10"
      + " WHERE NOT EXISTS (SELECT 1 FROM index_objects r WHERE r.tenant = $1"
      + " AND r.index_name = $2 AND r.node_id = $3 AND r.removed_at IS NOT NULL)"
      + " ON CONFLICT (tenant, index_name, node_id, generation) DO NOTHING";
  private static final String REMOVING = "SELECT 1 FROM index_objects WHERE tenant = $1"
      + " AND index_name = $2 AND node_id = $3 AND removed_at IS NOT NULL LIMIT 1";
  private static final String MARK_REMOVED = "UPDATE index_objects SET removed_at = $4"
      + " WHERE tenant = $1 AND index_name = $2 AND node_id = $3 AND removed_at IS NULL";
  // Marked for removal, or replaced by a newer commit of the same index (sealed again after late
  // events or an erasure: the older copy still holds what the erasure took out).
  private static final String OBSOLETE = "SELECT o.tenant, o.index_name, o.generation, o.prefix,"
      + " o.files"
      + " FROM index_objects o WHERE o.node_id = $1 AND (o.removed_at IS NOT NULL OR EXISTS"
      + " (SELECT 1 FROM index_objects n WHERE n.tenant = o.tenant AND n.index_name = o.index_name"
      + " AND n.node_id = o.node_id AND n.generation > o.generation))";
  // The files of the commit that stays: an obsolete commit's objects that it shares stay too.
  private static final String KEPT = "SELECT o.prefix, o.files FROM index_objects o"
      + " WHERE o.tenant = $1 AND o.index_name = $2 AND o.node_id = $3 AND o.removed_at IS NULL"
      + " ORDER BY o.generation DESC LIMIT 1";
  // The commit of each index this node has in the bucket, newest first per index.
  private static final String HELD = "SELECT DISTINCT ON (tenant, index_name) tenant, index_name, "
      + CatalogRows.COLUMNS + " FROM index_objects WHERE node_id = $1 AND removed_at IS NULL"
      + " ORDER BY tenant, index_name, generation DESC";
  // Offsets of partitions this run has not indexed stay as an earlier checkpoint recorded them.
  private static final String CHECKPOINT = "INSERT INTO storage_checkpoints (node_id, offsets,"
      + " taken_at) VALUES ($1, $2, $3) ON CONFLICT (node_id) DO UPDATE SET offsets ="
      + " storage_checkpoints.offsets || EXCLUDED.offsets, taken_at = EXCLUDED.taken_at";
  // Sealed at the commit the bucket holds: what may leave the disk.
  private static final String EVICTABLE = "SELECT DISTINCT ON (o.tenant, o.index_name) o.tenant,"
      + " o.index_name, o.generation, o.prefix, o.files, o.bytes, o.events, o.offsets"
      + " FROM index_objects o"
      + " JOIN index_seals s ON s.tenant = o.tenant AND s.index_name = o.index_name"
      + " AND s.node_id = o.node_id AND s.generation = o.generation"
      + " WHERE o.node_id = $1 AND o.removed_at IS NULL"
      + " ORDER BY o.tenant, o.index_name, o.generation DESC";
  private static final String FORGET = "DELETE FROM index_objects WHERE tenant = $1"
      + " AND index_name = $2 AND node_id = $3 AND generation = $4";

  private final StorageConfig config;
  private final TenantIndexes indexes;
  private final Indexer indexer;
  private final boolean indexing;
  private final Path staging;
  /** Per index, the commit the bucket holds, as far as this node knows: not pinned again. */
  private final Map<IndexId, Long> held = new java.util.concurrent.ConcurrentHashMap<>();
  private boolean heldLoaded;
  private final Pool pool;
  private final InstantSource clock;
  private final String node;
  private final UploadRetries retries;
  private final AtomicBoolean queued = new AtomicBoolean();
  private final AtomicInteger pending = new AtomicInteger();
  private final Counter uploaded;
  private final Counter failed;
  private final Counter uploadedBytes;
  private final Counter removed;
  private final Counter checkpoints;
  private final Counter evictions;
  private final AtomicLong checkpointedAt = new AtomicLong();
  private ObjectStore store;
  private ExecutorService thread;
  private boolean bucketReady;

  IndexUploader(StorageConfig config, TenantIndexes indexes, Indexer indexer, NodeRoles roles,
      Pool pool, InstantSource clock, StrataConfig strata, MeterRegistry metrics) {
    this.config = config;
    this.indexes = indexes;
    this.indexer = indexer;
    this.indexing = roles.has(Role.INDEX);
    this.staging = strata.dataDir().resolve("uploads").toAbsolutePath();
    this.pool = pool;
    this.clock = clock;
    this.node = strata.nodeId();
    this.retries = new UploadRetries(config.retryInterval(), config.retryMax());
    this.uploaded = metrics.counter("strata.storage.uploads", "outcome", "ok");
    this.failed = metrics.counter("strata.storage.uploads", "outcome", "failed");
    this.uploadedBytes = metrics.counter("strata.storage.uploaded.bytes");
    this.removed = metrics.counter("strata.storage.removed.commits");
    this.checkpoints = metrics.counter("strata.storage.checkpoints");
    this.evictions = metrics.counter("strata.storage.evictions");
    metrics.gauge("strata.storage.checkpoint.time.seconds", checkpointedAt, AtomicLong::get);
    metrics.gauge("strata.storage.uploads.pending", pending);
  }

  void onStart(@Observes @Priority(SchemaMigrations.PRIORITY + 1) StartupEvent event) {
    if (config.endpoint().isEmpty()) {
      return;
    }
    store = ObjectStore.of(config, config.endpoint().get());
    thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "strata-index-upload");
      t.setDaemon(true);
      return t;
    });
    LOG.infof("Sealed indexes are uploaded to bucket %s at %s", config.bucket(),
        config.endpoint().get());
    uploadSoon();
  }

  void onSealed(@Observes IndexSealed sealed) {
    uploadSoon();
  }

  /**
   * Marks this node's bucket copy of an index retention is about to delete, before it does: the
   * copy goes with it, on the upload thread, even if the node dies in between. Legal holds need
   * nothing here: retention does not delete an index a hold keeps.
   */
  void onDeletion(@Observes IndexDeletion deletion) {
    IndexId id = deletion.index();
    held.remove(id); // should the day come back, its new commits are new to the bucket
    pool.preparedQuery(MARK_REMOVED).execute(Tuple.of(id.tenant(), id.name(), node,
        clock.instant().atOffset(ZoneOffset.UTC))).await().atMost(QUERY_TIMEOUT);
    uploadSoon();
  }

  @Scheduled(every = "${strata.s3.retry-interval:1m}", delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduled() {
    uploadSoon();
  }

  @Scheduled(every = "${strata.s3.checkpoint-interval:5m}",
      delayed = "${strata.s3.checkpoint-interval:5m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduledCheckpoint() {
    if (thread == null || !indexing) {
      return;
    }
    try {
      thread.execute(() -> {
        try {
          checkpoint();
        } catch (RuntimeException e) {
          LOG.errorf(e, "Checkpointing the indexes into the bucket failed; the next run tries"
              + " again");
        }
      });
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  /**
   * Puts every index this node changed since the last checkpoint into the bucket, at one commit
   * of all of them, then records the Kafka offsets that commit covers; returns whether it got that
   * far. Blocks: called on the upload thread (tests may call it too). A failure records no
   * checkpoint; what landed stays, and the next run skips it.
   */
  public synchronized boolean checkpoint() {
    if (store == null || !indexing || !bucketReachable()) {
      return false;
    }
    if (!heldLoaded) {
      for (Row row : pool.preparedQuery(HELD).execute(Tuple.of(node)).await()
          .atMost(QUERY_TIMEOUT)) {
        IndexId id = IndexSealer.idOf(row.getString("tenant"), row.getString("index_name"));
        if (id != null) {
          held.put(id, row.getLong("generation"));
        }
      }
      heldLoaded = true;
    }
    LocalFiles.deleteTree(staging);
    try {
      IndexSnapshot snapshot = indexer.snapshot(staging, Map.copyOf(held));
      int put = 0;
      for (Map.Entry<IndexId, CommitFiles> commit : snapshot.commits().entrySet()) {
        IndexId id = commit.getKey();
        long generation = commit.getValue().generation();
        try {
          if (upload(id, commit.getValue())) {
            put++;
          }
          held.put(id, generation);
        } catch (SdkException | UncheckedIOException e) {
          failed.increment();
          if (e instanceof SdkClientException) {
            bucketReady = false;
          }
          LOG.warnf("Checkpoint upload of %s (commit %d) failed; no checkpoint is recorded, the"
              + " next run tries again: %s", id, generation, e.getMessage());
          return false;
        }
      }
      JsonObject offsets = new JsonObject();
      snapshot.offsets().forEach(offsets::put);
      pool.preparedQuery(CHECKPOINT).execute(Tuple.of(node, offsets,
          clock.instant().atOffset(ZoneOffset.UTC))).await().atMost(QUERY_TIMEOUT);
      checkpoints.increment();
      checkpointedAt.set(clock.instant().getEpochSecond());
      LOG.debugf("Checkpoint of %d changed indexes (%d put) at offsets %s",
          snapshot.commits().size(), put, snapshot.offsets());
      removeObsolete();
      evictBeyondCache();
      return true;
    } catch (IllegalStateException e) {
      LOG.debugf("No checkpoint: %s", e.getMessage());
      return false;
    } finally {
      LocalFiles.deleteTree(staging);
    }
  }

  private boolean bucketReachable() {
    if (bucketReady) {
      return true;
    }
    try {
      store.ensureBucket();
      bucketReady = true;
      return true;
    } catch (SdkException e) {
      failed.increment();
      LOG.warnf("The bucket %s cannot be reached; uploads wait for it: %s", config.bucket(),
          e.getMessage());
      return false;
    }
  }


  /**
   * Keeps this node's indexes within {@link StorageConfig#cacheSize()}: past days sealed at the
   * commit the bucket holds leave the disk, least recently used first, until they fit; returns how
   * many left.
   */
  int evictBeyondCache() {
    if (config.cacheSize().isEmpty()) {
      return 0;
    }
    long limit = config.cacheSize().get().asLongValue();
    long local = indexes.diskBytes();
    if (local <= limit) {
      return 0;
    }
    Map<IndexId, RemoteIndex> sealed = new HashMap<>();
    for (Row row : pool.preparedQuery(EVICTABLE).execute(Tuple.of(node)).await()
        .atMost(QUERY_TIMEOUT)) {
      IndexId id = IndexSealer.idOf(row.getString("tenant"), row.getString("index_name"));
      if (id != null) {
        sealed.put(id, CatalogRows.remoteIndex(row));
      }
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    int evicted = 0;
    for (IndexId id : indexes.evictionOrder()) {
      if (local <= limit) {
        break;
      }
      RemoteIndex remote = sealed.get(id);
      if (remote == null || remote.events() < 0 || !id.day().isBefore(today)) {
        continue;
      }
      long freed = indexes.evict(id, remote);
      if (freed > 0) {
        local -= freed;
        evicted++;
        evictions.increment();
        LOG.debugf("Evicted %s from the disk (%d bytes); it is in the bucket", id, freed);
      }
    }
    if (local > limit) {
      LOG.debugf("This node's indexes take %d bytes, more than STRATA_S3_CACHE_SIZE (%d): what"
          + " is left is today's, or not sealed, or not in the bucket yet", local, limit);
    }
    return evicted;
  }

  /** Whether this node uploads to a bucket ({@code STRATA_S3_ENDPOINT} is set). */
  public boolean isEnabled() {
    return thread != null;
  }

  /** Sealed indexes of this node, still on its disk, not in the bucket at the last look. */
  public int pending() {
    return pending.get();
  }

  /** Has the upload thread look for pending uploads, unless it is about to already. */
  private void uploadSoon() {
    if (thread == null || !queued.compareAndSet(false, true)) {
      return;
    }
    try {
      thread.execute(() -> {
        queued.set(false);
        try {
          uploadPending();
        } catch (RuntimeException e) {
          LOG.errorf(e, "Uploading sealed indexes failed; the next run tries again");
        }
      });
    } catch (RejectedExecutionException e) {
      queued.set(false); // shutting down
    }
  }

  /**
   * Uploads every pending index whose wait is over; returns how many landed. Blocks: called on the
   * upload thread (tests may call it too).
   */
  public synchronized int uploadPending() {
    if (store == null) {
      return 0;
    }
    if (!bucketReachable()) {
      return 0;
    }
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery(PENDING).execute(Tuple.of(node)).await().atMost(QUERY_TIMEOUT)
        .forEach(rows::add);
    pending.set(rows.size());
    Set<String> keys = new HashSet<>();
    for (Row row : rows) {
      keys.add(retryKey(row));
    }
    retries.retainOnly(keys);
    int landed = 0;
    for (Row row : rows) {
      String key = retryKey(row);
      if (!retries.isDue(key, clock.instant())) {
        continue;
      }
      IndexId id = IndexSealer.idOf(row.getString("tenant"), row.getString("index_name"));
      long generation = row.getLong("generation");
      try {
        boolean done = id != null && upload(id, generation);
        // Either way it no longer waits: landed, or its commit is gone from this node (sealed
        // again, or deleted by retention, which leaves the seal row).
        pending.decrementAndGet();
        if (done) {
          retries.succeeded(key);
          landed++;
        }
      } catch (SdkException | UncheckedIOException e) {
        failed.increment();
        Duration wait = retries.failed(key, clock.instant());
        LOG.warnf("Upload of %s (commit %d) failed, tried again in %s at the earliest: %s", id,
            generation, wait, e.getMessage());
        if (e instanceof SdkClientException) {
          // The bucket did not answer: the next index would fare no better.
          bucketReady = false;
          break;
        }
      }
    }
    if (bucketReady) {
      removeObsolete();
      evictBeyondCache();
    }
    return landed;
  }

  /**
   * Deletes the bucket's commits that are marked for removal or replaced by a newer one, each
   * forgotten by the catalog only once its objects are gone; returns how many went.
   */
  private int removeObsolete() {
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery(OBSOLETE).execute(Tuple.of(node)).await().atMost(QUERY_TIMEOUT)
        .forEach(rows::add);
    int gone = 0;
    for (Row row : rows) {
      String prefix = row.getString("prefix");
      try {
        Set<String> kept = new HashSet<>();
        for (Row keep : pool.preparedQuery(KEPT).execute(Tuple.of(row.getString("tenant"),
            row.getString("index_name"), node)).await().atMost(QUERY_TIMEOUT)) {
          kept.addAll(keysOf(keep.getString("prefix"), (JsonObject) keep.getValue("files")));
        }
        int objects = 0;
        for (String key : keysOf(prefix, (JsonObject) row.getValue("files"))) {
          if (!kept.contains(key)) {
            store.delete(key);
            objects++;
          }
        }
        pool.preparedQuery(FORGET).execute(Tuple.of(row.getString("tenant"),
            row.getString("index_name"), node, row.getLong("generation")))
            .await().atMost(QUERY_TIMEOUT);
        removed.increment();
        gone++;
        LOG.infof("Removed %s from the bucket (%d objects)", prefix, objects);
      } catch (SdkException e) {
        LOG.warnf("Removing %s from the bucket failed; the next run tries again: %s", prefix,
            e.getMessage());
        break;
      }
    }
    return gone;
  }

  /** Where each file of a catalog row lies in the bucket. */
  static List<String> keysOf(String prefix, JsonObject files) {
    List<String> keys = new ArrayList<>(files.size());
    for (String name : files.fieldNames()) {
      keys.add(files.getJsonObject(name).getString("key", prefix + name));
    }
    return keys;
  }

  /**
   * Puts every file of commit {@code generation} of {@code id}, then records it; false when this
   * node no longer has that commit (sealed again since, or deleted): its newer seal replaces it.
   */
  private boolean upload(IndexId id, long generation) {
    CommitFiles commit = indexes.commitFiles(id, generation);
    if (commit == null) {
      LOG.debugf("Commit %d of %s is gone; not uploaded", generation, id);
      return false;
    }
    return upload(id, commit);
  }

  /**
   * Puts the files of commit {@code generation} of {@code id} that the bucket does not hold yet
   * (Lucene never rewrites a file under the same name, so one of the same name and size in the
   * index's last commit there is the same file), then records the commit; false when retention
   * is deleting the index.
   */
  private boolean upload(IndexId id, CommitFiles commit) {
    long generation = commit.generation();
    SortedMap<String, Path> files = commit.files();
    if (removing(id)) {
      return false; // retention is deleting it
    }
    JsonObject before = new JsonObject();
    String beforePrefix = "";
    for (Row row : pool.preparedQuery(KEPT).execute(Tuple.of(id.tenant(), id.name(), node))
        .await().atMost(QUERY_TIMEOUT)) {
      before = (JsonObject) row.getValue("files");
      beforePrefix = row.getString("prefix");
    }
    JsonObject catalog = new JsonObject();
    long bytes = 0;
    int put = 0;
    for (Map.Entry<String, Path> file : files.entrySet()) {
      long size;
      try {
        size = Files.size(file.getValue());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      JsonObject known = before.getJsonObject(file.getKey());
      JsonObject entry;
      if (known != null && known.getLong("bytes") == size) {
        entry = known.copy();
        entry.put("key", known.getString("key", beforePrefix + file.getKey()));
      } else {
        String key = ObjectKeys.fileKey(id, node, generation, file.getKey());
        String sha256;
        try {
          sha256 = LocalFiles.sha256(file.getValue());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        store.put(key, file.getValue());
        put++;
        entry = new JsonObject().put("bytes", size).put("sha256", sha256).put("key", key);
      }
      catalog.put(file.getKey(), entry);
      bytes += size;
    }
    String prefix = ObjectKeys.commitPrefix(id, node, generation);
    int recorded = pool.preparedQuery(RECORD).execute(Tuple.from(List.of(id.tenant(), id.name(),
        node, generation, prefix, catalog, bytes, clock.instant().atOffset(ZoneOffset.UTC),
        commit.events(), new JsonObject(new HashMap<String, Object>(commit.offsets())))))
        .await().atMost(QUERY_TIMEOUT).rowCount();
    if (recorded == 0 && removing(id)) {
      // Retention marked the index while its files went up: they must not outlive it.
      store.deletePrefix(prefix);
      return false;
    }
    uploaded.increment();
    uploadedBytes.increment(bytes);
    LOG.infof("Uploaded %s (commit %d, %d files, %d of them new, %d bytes)", id, generation,
        files.size(), put, bytes);
    return true;
  }

  private boolean removing(IndexId id) {
    return pool.preparedQuery(REMOVING).execute(Tuple.of(id.tenant(), id.name(), node))
        .await().atMost(QUERY_TIMEOUT).size() > 0;
  }

  private static String retryKey(Row row) {
    return row.getString("tenant") + "/" + row.getString("index_name") + "@"
        + row.getLong("generation");
  }


  @PreDestroy
  void stop() {
    if (thread != null) {
      thread.shutdownNow();
    }
    if (store != null) {
      store.close();
    }
  }
}
