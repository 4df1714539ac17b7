package io.strata.index;

import io.strata.StrataConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.nio.file.NoSuchFileException;
import java.util.TreeMap;
import io.strata.index.codec.StrataCodec;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.jboss.logging.Logger;

/**
 * The open indexes of all tenants, one per tenant, UTC day and retention class, under {@code
 * <data-dir>/indexes/<tenant>/} (see {@link IndexId} for the names). A tenant's events only ever go
 * to, and are only ever searched in, that tenant's own directory.
 */
@ApplicationScoped
public class TenantIndexes {

  private static final Logger LOG = Logger.getLogger(TenantIndexes.class);
  // Suffixes a retention class cannot have ([a-z0-9_-]): never taken for an index's directory.
  private static final String REMOTE = "~remote";
  private static final String EVICTING = "~evicting";
  private static final String FETCHING = "~fetching";

  private final Path root;
  private final IndexConfig config;
  private final Analyzer analyzer = new StandardAnalyzer();
  private final Map<IndexId, BucketIndex> open = new ConcurrentHashMap<>();
  /** When each index was last opened for a read or a write, for evicting the least recent. */
  private final Map<IndexId, Long> lastUsed = new ConcurrentHashMap<>();
  private final Map<IndexId, Object> fetching = new ConcurrentHashMap<>();
  private final IndexFetcher fetcher;

  @jakarta.inject.Inject
  TenantIndexes(StrataConfig strata, IndexConfig config,
      jakarta.enterprise.inject.Instance<IndexFetcher> fetchers) {
    this(strata, config, fetchers.isResolvable() ? fetchers.get() : null);
  }

  TenantIndexes(StrataConfig strata, IndexConfig config, IndexFetcher fetcher) {
    this.root = strata.dataDir().resolve("indexes").toAbsolutePath();
    this.config = config;
    this.fetcher = fetcher;
    // Reading a commit looks its codec up by name; Lucene's lookup only sees the class loader that
    // loaded Lucene, which under Quarkus is not always the one holding Strata's codec.
    Codec.reloadCodecs(StrataCodec.class.getClassLoader());
    tidy();
  }

  TenantIndexes(StrataConfig strata, IndexConfig config) {
    this(strata, config, (IndexFetcher) null);
  }

  /**
   * Finishes what a crash cut short: an eviction (the marker is written before the directory
   * goes), a fetch (the directory is moved into place before the marker goes), or the writing of
   * a marker.
   */
  private void tidy() {
    for (String tenant : tenants()) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(root.resolve(tenant))) {
        for (Path child : children) {
          String name = child.getFileName().toString();
          if (name.endsWith(EVICTING) || name.endsWith(FETCHING)
              || name.endsWith(REMOTE + ".tmp")) {
            deleteRecursively(child);
          } else if (name.endsWith(REMOTE)
              && Files.isDirectory(child.resolveSibling(name.substring(0,
                  name.length() - REMOTE.length())))) {
            Files.delete(child);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The analyzer of the full-text message field, shared by indexing and query parsing. */
  public Analyzer messageAnalyzer() {
    return analyzer;
  }

  /** The index of {@code tenant} for {@code day} and {@code retentionClass}, created when missing. */
  BucketIndex forWrite(String tenant, LocalDate day, String retentionClass) {
    IndexId id = new IndexId(tenant, day, retentionClass);
    BucketIndex bucket = open.get(id);
    if (bucket != null) {
      return bucket;
    }
    ensureLocal(id);
    lastUsed.put(id, System.nanoTime());
    return open.computeIfAbsent(id, key -> openBucket(key, true));
  }

  /**
   * The existing indexes of {@code tenant} for days in {@code [from, to]}, grouped by day (each day
   * searched across its retention classes), newest day first, held open until the result is
   * closed.
   */
  public SearchableBuckets forSearch(String tenant, LocalDate from, LocalDate to) {
    TreeMap<LocalDate, List<IndexId>> days = new TreeMap<>(Comparator.reverseOrder());
    for (IndexId id : list(tenant)) {
      if (!id.day().isBefore(from) && !id.day().isAfter(to)) {
        days.computeIfAbsent(id.day(), d -> new ArrayList<>()).add(id);
      }
    }
    SearchableBuckets buckets = new SearchableBuckets(days.size());
    long idleAfter = config.searchIdleAfter().toNanos();
    try {
      for (Map.Entry<LocalDate, List<IndexId>> day : days.entrySet()) {
        List<BucketIndex> held = new ArrayList<>(day.getValue().size());
        List<SearcherManager> searchers = new ArrayList<>(day.getValue().size());
        try {
          for (IndexId id : day.getValue()) {
            BucketIndex bucket = acquireExisting(id);
            if (bucket != null) {
              held.add(bucket);
              searchers.add(bucket.searchersForSearch(idleAfter));
            }
          }
        } catch (IOException | RuntimeException e) {
          held.forEach(BucketIndex::release);
          throw e;
        }
        if (!held.isEmpty()) {
          buckets.add(new SearchableBucket(day.getKey(), new DaySearchers(searchers)), held);
        }
      }
    } catch (IOException | RuntimeException e) {
      buckets.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    return buckets;
  }

  /** The indexes of {@code tenant} on this node, in no particular order. */
  public List<IndexId> list(String tenant) {
    Path tenantDir = root.resolve(tenant);
    List<IndexId> ids = new ArrayList<>();
    if (Files.isDirectory(tenantDir)) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(tenantDir)) {
        Set<IndexId> seen = new HashSet<>();
        for (Path child : children) {
          String name = child.getFileName().toString();
          if (name.endsWith(REMOTE)) {
            name = name.substring(0, name.length() - REMOTE.length());
          }
          IndexId id = IndexId.parse(tenant, name);
          if (id != null && seen.add(id)) {
            ids.add(id);
          }
        }
      } catch (NoSuchFileException e) {
        return ids;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ids;
  }

  /** Every index on this node, of every tenant. */
  public List<IndexId> listAll() {
    List<IndexId> all = new ArrayList<>();
    for (String tenant : tenants()) {
      all.addAll(list(tenant));
    }
    return all;
  }

  /**
   * Hard-links the files of an index's last commit into {@code into} (created), so that they can
   * be read after a later commit deleted them; null when the index is gone or has no commit.
   *
   * <p>Caution: the caller must make sure no commit happens meanwhile (see {@link
   * Indexer#snapshot}).
   */
  CommitFiles pinLatestCommit(IndexId id, Path into) {
    Path dir = pathOf(id);
    return readExisting(id, directory -> {
      SegmentInfos infos;
      try {
        infos = SegmentInfos.readLatestCommit(directory);
      } catch (IndexNotFoundException | NoSuchFileException e) {
        return null;
      }
      long events = liveEvents(infos);
      Files.createDirectories(into);
      java.util.SortedMap<String, Path> files = new java.util.TreeMap<>();
      for (String file : infos.files(true)) {
        Path link = into.resolve(file);
        Files.deleteIfExists(link);
        Files.createLink(link, dir.resolve(file));
        files.put(file, link);
      }
      return new CommitFiles(infos.getGeneration(), events,
          BucketIndex.committedOffsets(infos), files);
    }, null);
  }

  /** The tenants with indexes on this node. */
  public List<String> tenants() {
    List<String> tenants = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(root, Files::isDirectory)) {
        for (Path child : children) {
          tenants.add(child.getFileName().toString());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tenants;
  }

  /**
   * How many events of one index {@code query} matches, as of its last refresh; 0 when the index
   * is gone.
   */
  public int count(IndexId id, Query query) {
    BucketIndex bucket = acquireExisting(id);
    if (bucket == null) {
      return 0;
    }
    try {
      SearcherManager searchers = bucket.searchersForSearch(config.searchIdleAfter().toNanos());
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.count(query);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      bucket.release();
    }
  }

  /**
   * Erases the events {@code query} matches from one index; see {@link BucketIndex#erase}.
   *
   * <p>Caution: see {@link Indexer#erase}.
   */
  EraseResult erase(IndexId id, Query query) throws IOException {
    BucketIndex bucket = acquireExisting(id);
    if (bucket == null) {
      return EraseResult.NONE;
    }
    try {
      return bucket.erase(query);
    } finally {
      bucket.release();
    }
  }

  /**
   * The indexes of this node that may hold events of a partition of {@code cutoffs} (topic
   * partition to offset) at or after its offset: open ones, and those whose last commit records the
   * partition beyond it. Reads commit points only; opens nothing.
   */
  List<IndexId> holdingBeyond(Map<String, Long> cutoffs) {
    List<IndexId> holding = new ArrayList<>();
    for (String tenant : tenants()) {
      for (IndexId id : list(tenant)) {
        if (open.containsKey(id)) {
          holding.add(id);
          continue;
        }
        RemoteIndex remote = remoteOnly(id);
        Map<String, Long> committed = remote != null ? remote.offsets() : readExisting(id,
            directory -> {
              try {
                return BucketIndex.committedOffsets(SegmentInfos.readLatestCommit(directory));
              } catch (IndexNotFoundException | NoSuchFileException e) {
                return Map.<String, Long>of();
              }
            }, Map.<String, Long>of());
        for (Map.Entry<String, Long> cutoff : cutoffs.entrySet()) {
          if (committed.getOrDefault(cutoff.getKey(), -1L) > cutoff.getValue()) {
            holding.add(id);
            break;
          }
        }
      }
    }
    return holding;
  }

  /**
   * Deletes from {@code ids} (and every open index) the events of each partition of {@code
   * cutoffs} at or after its offset, and records that they hold that partition only up to there;
   * returns how many events were deleted.
   *
   * <p>Caution: see {@link Indexer#dropTakenOver}.
   */
  long dropPartitionTails(Collection<IndexId> ids, Map<String, Long> cutoffs) throws IOException {
    Set<IndexId> reach = new HashSet<>(ids);
    reach.addAll(open.keySet());
    long dropped = 0;
    for (IndexId id : reach) {
      BucketIndex bucket = acquireExisting(id);
      if (bucket == null) {
        continue;
      }
      try {
        for (Map.Entry<String, Long> cutoff : cutoffs.entrySet()) {
          dropped += bucket.dropPartitionTail(cutoff.getKey(), partitionOf(cutoff.getKey()),
              cutoff.getValue());
        }
      } finally {
        bucket.release();
      }
    }
    return dropped;
  }

  /** The partition number of a {@code topic-partition} key. */
  static int partitionOf(String topicPartition) {
    return Integer.parseInt(topicPartition.substring(topicPartition.lastIndexOf('-') + 1));
  }

  /** Merges an index for sealing (see {@link BucketIndex#mergeForSealing}); false when it is gone. */
  boolean mergeForSealing(IndexId id) throws IOException {
    BucketIndex bucket = acquireExisting(id);
    if (bucket == null) {
      return false;
    }
    try {
      bucket.mergeForSealing();
      return true;
    } finally {
      bucket.release();
    }
  }

  /**
   * The generation of an index's last commit, or -1 when it has none (or is gone). Read from the
   * file names alone, so a damaged index still answers.
   */
  public long commitGeneration(IndexId id) {
    try (var files = Files.list(pathOf(id))) {
      return SegmentInfos.getLastCommitGeneration(
          files.map(f -> f.getFileName().toString()).toArray(String[]::new));
    } catch (NoSuchFileException e) {
      RemoteIndex remote = remoteOnly(id);
      return remote == null ? -1 : remote.generation();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the directory of an index with {@code read}. */
  @FunctionalInterface
  private interface DirectoryRead<T> {
    T apply(FSDirectory directory) throws IOException;
  }

  /**
   * {@code read} on the directory of an index, or {@code absent} when it has none. Opening a
   * Lucene directory creates it when missing, so this holds the index's slot against a deletion
   * meanwhile: an index deleted by retention must not come back empty.
   */
  @SuppressWarnings("unchecked")
  private <T> T readExisting(IndexId id, DirectoryRead<T> read, T absent) {
    Object[] result = {absent};
    open.compute(id, (key, bucket) -> {
      Path path = pathOf(key);
      if (Files.isDirectory(path)) {
        try (FSDirectory directory = FSDirectory.open(path)) {
          result[0] = read.apply(directory);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return bucket;
    });
    return (T) result[0];
  }

  /** When an index's files last changed, or null when it is gone. */
  public java.time.Instant lastModified(IndexId id) {
    java.time.Instant newest = null;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(pathOf(id))) {
      for (Path file : files) {
        java.time.Instant modified = Files.getLastModifiedTime(file).toInstant();
        if (newest == null || modified.isAfter(newest)) {
          newest = modified;
        }
      }
    } catch (NoSuchFileException e) {
      try {
        return Files.getLastModifiedTime(remoteOf(id)).toInstant();
      } catch (NoSuchFileException gone) {
        return null;
      } catch (IOException other) {
        throw new UncheckedIOException(other);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return newest;
  }

  /** Whether an index's directory exists on this node. */
  public boolean exists(IndexId id) {
    return Files.isDirectory(pathOf(id)) || Files.exists(remoteOf(id));
  }

  /**
   * The files of an index's last commit with their SHA-256, and its live events; null when the
   * index is gone or has no commit. Throws when a file went away meanwhile (a newer commit).
   */
  public SealedFiles hashLatestCommit(IndexId id) {
    RemoteIndex remote = remoteOnly(id);
    if (remote != null) {
      // In the bucket only: its files were hashed on their way up, and are again on their way
      // back down (a copy that differs is refused then).
      return new SealedFiles(remote.generation(), remote.events(), remote.sha256());
    }
    // The commit is read holding the index's slot; its files, which may be large, are hashed
    // after: a deletion meanwhile makes the hashing fail, never the index come back.
    SealedFiles commit = readExisting(id, directory -> {
      SegmentInfos infos;
      try {
        infos = SegmentInfos.readLatestCommit(directory);
      } catch (IndexNotFoundException | NoSuchFileException e) {
        return null;
      }
      long events = liveEvents(infos);
      java.util.SortedMap<String, String> files = new java.util.TreeMap<>();
      for (String file : infos.files(true)) {
        files.put(file, "");
      }
      return new SealedFiles(infos.getGeneration(), events, files);
    }, null);
    if (commit == null) {
      return null;
    }
    java.util.SortedMap<String, String> hashes = new java.util.TreeMap<>();
    for (String file : commit.sha256().keySet()) {
      try {
        hashes.put(file, sha256(pathOf(id).resolve(file)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new SealedFiles(commit.generation(), commit.events(), hashes);
  }

  /**
   * The files of the commit {@code generation} of an index (its segments file included), by name,
   * with where each lies on this node; null when the index or that commit is gone.
   *
   * <p>Note: Lucene deletes a commit's files once a newer commit no longer needs them, so a file
   * named here can still go away before it is read.
   */
  public CommitFiles commitFiles(IndexId id, long generation) {
    Path dir = pathOf(id);
    return readExisting(id, directory -> {
      SegmentInfos infos;
      try {
        infos = SegmentInfos.readCommit(directory, org.apache.lucene.index.IndexFileNames
            .fileNameFromGeneration(org.apache.lucene.index.IndexFileNames.SEGMENTS, "",
                generation));
      } catch (NoSuchFileException | java.io.FileNotFoundException e) {
        return null;
      }
      long events = liveEvents(infos);
      java.util.SortedMap<String, Path> files = new java.util.TreeMap<>();
      for (String file : infos.files(true)) {
        files.put(file, dir.resolve(file));
      }
      return new CommitFiles(infos.getGeneration(), events,
          BucketIndex.committedOffsets(infos), files);
    }, null);
  }

  /** The SHA-256 of each of {@code files} of an index as it is now; null for a missing file. */
  public java.util.Map<String, String> hashFiles(IndexId id, java.util.Collection<String> files) {
    java.util.Map<String, String> hashes = new java.util.TreeMap<>();
    RemoteIndex remote = remoteOnly(id);
    if (remote != null) {
      java.util.SortedMap<String, String> known = remote.sha256();
      for (String file : files) {
        hashes.put(file, known.get(file));
      }
      return hashes;
    }
    for (String file : files) {
      try {
        hashes.put(file, sha256(pathOf(id).resolve(file)));
      } catch (NoSuchFileException e) {
        hashes.put(file, null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return hashes;
  }

  private static String sha256(Path file) throws IOException {
    java.security.MessageDigest digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    try (var in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  /** Live events and bytes of an index as of its last commit; empty when it has none. */
  public IndexStats stats(IndexId id) {
    RemoteIndex remote = remoteOnly(id);
    if (remote != null) {
      return new IndexStats(remote.events(), remote.bytes());
    }
    Path path = pathOf(id);
    long bytes = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
      for (Path file : files) {
        bytes += Files.size(file);
      }
    } catch (NoSuchFileException e) {
      return IndexStats.EMPTY;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long events = readExisting(id, directory -> {
      long live;
      try {
        live = liveEvents(SegmentInfos.readLatestCommit(directory));
      } catch (IndexNotFoundException | NoSuchFileException e) {
        return 0L; // created, nothing committed yet
      } catch (IOException e) {
        // Damaged (verification names it): its size is still known, its count is not.
        LOG.debugf("The last commit of %s cannot be read: %s", id, e.getMessage());
        return -1L;
      }
      return live;
    }, 0L);
    return new IndexStats(events, bytes);
  }

  /**
   * Deletes an index and its files; returns what it held. Searches running on it finish on the
   * files they have open; later ones no longer see it.
   *
   * <p>Caution: the caller must make sure no document is being added meanwhile (see {@link
   * Indexer#delete}).
   */
  IndexStats delete(IndexId id) {
    IndexStats stats = stats(id);
    open.compute(id, (key, bucket) -> {
      try {
        if (bucket != null) {
          bucket.destroy();
        }
        deleteRecursively(pathOf(key));
        Files.deleteIfExists(remoteOf(key));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the index " + key, e);
      }
      return null;
    });
    return stats;
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The open index, held open; reopened when an idle close got there first; null when deleted. */
  private BucketIndex acquireExisting(IndexId id) {
    if (!open.containsKey(id)) {
      ensureLocal(id);
    }
    lastUsed.put(id, System.nanoTime());
    while (true) {
      BucketIndex bucket = open.computeIfAbsent(id, key -> openBucket(key, false));
      if (bucket == null || bucket.acquire()) {
        return bucket;
      }
      open.remove(id, bucket);
    }
  }

  /**
   * Closes the indexes nobody has written, committed or searched for {@code idleNanos}, so that a
   * node does not keep every day it ever touched open.
   *
   * <p>Caution: the caller must make sure no document is being added meanwhile.
   */
  void closeIdle(long idleNanos) {
    open.forEach((key, bucket) -> {
      try {
        if (bucket.closeIfIdle(idleNanos)) {
          open.remove(key, bucket);
          LOG.debugf("Closed idle index %s", key);
        }
      } catch (IOException | RuntimeException e) {
        LOG.warnf(e, "Closing idle index %s failed", key);
      }
    });
  }

  /** Makes recently added events searchable. */
  void refreshAll() {
    long idleAfter = config.searchIdleAfter().toNanos();
    for (BucketIndex bucket : open.values()) {
      try {
        bucket.refresh(idleAfter);
      } catch (IOException | RuntimeException e) {
        LOG.errorf(e, "Refresh of %s/%s/%s failed", bucket.tenant, bucket.day, bucket.retentionClass);
      }
    }
  }

  /**
   * The open indexes a commit is due for (see {@link BucketIndex#startCommit}), each held open
   * until {@link #commit} releases it.
   *
   * <p>Caution: the caller must make sure no document is being added meanwhile.
   */
  List<BucketIndex> startCommit(boolean exact) {
    List<BucketIndex> due = new ArrayList<>();
    for (BucketIndex bucket : open.values()) {
      // Asked first: holding an index counts as using it, which would keep idle ones open.
      if (bucket.startCommit(exact) && bucket.acquire()) {
        due.add(bucket);
      }
    }
    return due;
  }

  /**
   * Commits the indexes {@link #startCommit} returned, recording {@code progress}, and releases
   * them; see {@link BucketIndex#commit} for {@code loose}.
   */
  void commit(List<BucketIndex> due, Map<String, Long> progress, boolean loose)
      throws IOException {
    int next = 0;
    try {
      for (; next < due.size(); next++) {
        BucketIndex bucket = due.get(next);
        try {
          bucket.commit(progress, loose);
        } finally {
          bucket.release();
        }
      }
    } finally {
      for (next++; next < due.size(); next++) {
        due.get(next).release(); // after a failed commit
      }
    }
  }

  /** Bytes on disk of all indexes of all tenants. */
  public long diskBytes() {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (var files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  /** The events of a commit that are not deleted. */
  private static long liveEvents(SegmentInfos infos) {
    long live = 0;
    for (SegmentCommitInfo segment : infos) {
      live += segment.info.maxDoc() - segment.getDelCount() - segment.getSoftDelCount();
    }
    return live;
  }

  private Path pathOf(IndexId id) {
    return root.resolve(id.tenant()).resolve(id.directoryName());
  }

  private Path remoteOf(IndexId id) {
    return root.resolve(id.tenant()).resolve(id.directoryName() + REMOTE);
  }

  /** What the bucket holds of an index that is there only; null when it is on this disk or gone. */
  public RemoteIndex remoteOnly(IndexId id) {
    Path marker = remoteOf(id);
    if (Files.isDirectory(pathOf(id))) {
      return null;
    }
    try {
      return RemoteIndex.fromJson(Files.readString(marker));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Records that an index is in the bucket only ({@code remote}); it is fetched when next read or
   * written. False when the index is on this node already.
   */
  public boolean installRemote(IndexId id, RemoteIndex remote) {
    boolean[] installed = {false};
    open.compute(id, (key, bucket) -> {
      if (bucket != null || exists(key)) {
        return bucket;
      }
      try {
        Files.createDirectories(root.resolve(key.tenant()));
        writeMarker(key, remote);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      installed[0] = true;
      return null;
    });
    return installed[0];
  }

  private void writeMarker(IndexId id, RemoteIndex remote) throws IOException {
    Path marker = remoteOf(id);
    Path written = marker.resolveSibling(marker.getFileName() + ".tmp");
    Files.writeString(written, remote.toJson());
    Files.move(written, marker, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Frees the disk an index takes when its last commit is {@code remote}'s (its copy in the
   * bucket) and nothing has it open: a marker takes its place, and the next read or write fetches
   * it. Returns the bytes freed, 0 when it stayed.
   */
  public long evict(IndexId id, RemoteIndex remote) {
    long[] freed = {0};
    open.compute(id, (key, bucket) -> {
      Path path = pathOf(key);
      if (bucket != null || !Files.isDirectory(path) || commitGeneration(key)
          != remote.generation()) {
        return bucket;
      }
      try {
        long bytes;
        try (var files = Files.walk(path)) {
          bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        writeMarker(key, remote);
        Path evicting = path.resolveSibling(path.getFileName() + EVICTING);
        Files.move(path, evicting, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(evicting);
        freed[0] = bytes;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot evict the index " + key, e);
      }
      return null;
    });
    if (freed[0] > 0) {
      lastUsed.remove(id);
    }
    return freed[0];
  }

  /**
   * The indexes on this disk that nothing has open, least recently read or written first (those
   * not touched since the start by when their files last changed).
   */
  public List<IndexId> evictionOrder() {
    List<IndexId> untouched = new ArrayList<>();
    List<IndexId> touched = new ArrayList<>();
    Map<IndexId, java.time.Instant> modified = new HashMap<>();
    for (IndexId id : listAll()) {
      if (open.containsKey(id) || !Files.isDirectory(pathOf(id))) {
        continue;
      }
      if (lastUsed.containsKey(id)) {
        touched.add(id);
      } else {
        java.time.Instant changed = lastModified(id);
        modified.put(id, changed == null ? java.time.Instant.EPOCH : changed);
        untouched.add(id);
      }
    }
    untouched.sort(Comparator.comparing(modified::get));
    touched.sort(Comparator.comparing(id -> lastUsed.getOrDefault(id, Long.MIN_VALUE)));
    untouched.addAll(touched);
    return untouched;
  }

  /**
   * Brings an index that is in the bucket only onto this disk, once however many ask at the same
   * time; nothing happens when it is here already (or gone).
   */
  public void ensureLocal(IndexId id) {
    Path marker = remoteOf(id);
    if (!Files.exists(marker)) {
      return;
    }
    synchronized (fetching.computeIfAbsent(id, key -> new Object())) {
      RemoteIndex remote = remoteOnly(id);
      if (remote == null) {
        return;
      }
      if (fetcher == null) {
        throw new IllegalStateException("the index " + id + " is in the bucket only, and this"
            + " node has no bucket (STRATA_S3_ENDPOINT)");
      }
      Path copy = pathOf(id).resolveSibling(id.directoryName() + FETCHING);
      try {
        deleteRecursively(copy);
        fetcher.fetch(id, remote, copy);
        open.compute(id, (key, bucket) -> {
          try {
            if (Files.exists(marker) && !Files.exists(pathOf(key))) {
              Files.move(copy, pathOf(key), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
              Files.delete(marker);
              LOG.infof("Fetched %s from the bucket (commit %d, %d bytes)", key,
                  remote.generation(), remote.bytes());
            }
            deleteRecursively(copy); // deleted meanwhile
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return bucket;
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Opens an index; without {@code create}, null when its directory is gone. */
  private BucketIndex openBucket(IndexId id, boolean create) {
    try {
      Path path = pathOf(id);
      if (create) {
        Files.createDirectories(path);
      } else if (!Files.isDirectory(path)) {
        return null;
      }
      return new BucketIndex(id.tenant(), id.day(), id.retentionClass(), path, config, analyzer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index " + id, e);
    }
  }

  /** Closes every index without committing: the indexer commits before it calls this. */
  void close() {
    for (BucketIndex bucket : open.values()) {
      try {
        bucket.close();
      } catch (IOException | RuntimeException e) {
        LOG.warnf(e, "Closing %s/%s failed", bucket.tenant, bucket.day);
      }
    }
    open.clear();
  }
}
