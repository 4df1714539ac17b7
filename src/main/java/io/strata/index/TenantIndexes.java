package io.strata.index;

import io.strata.StrataConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.jboss.logging.Logger;

/**
 * The open day indexes of all tenants, under {@code <data-dir>/indexes/<tenant>/<yyyy-MM-dd>}. A
 * tenant's events only ever go to, and are only ever searched in, that tenant's own directory.
 */
@ApplicationScoped
public class TenantIndexes {

  private static final Logger LOG = Logger.getLogger(TenantIndexes.class);

  private final Path root;
  private final IndexConfig config;
  private final Analyzer analyzer = new StandardAnalyzer();
  private final Map<String, BucketIndex> open = new ConcurrentHashMap<>();

  TenantIndexes(StrataConfig strata, IndexConfig config) {
    this.root = strata.dataDir().resolve("indexes").toAbsolutePath();
    this.config = config;
  }

  /** The analyzer of the full-text message field, shared by indexing and query parsing. */
  public Analyzer messageAnalyzer() {
    return analyzer;
  }

  /** The index of {@code tenant} for {@code day}, created when missing. */
  BucketIndex forWrite(String tenant, LocalDate day) {
    return open.computeIfAbsent(tenant + "/" + day, key -> openBucket(tenant, day));
  }

  /**
   * The existing indexes of {@code tenant} for days in {@code [from, to]}, newest day first, held
   * open until the result is closed.
   */
  public SearchableBuckets forSearch(String tenant, LocalDate from, LocalDate to) {
    Path tenantDir = root.resolve(tenant);
    List<LocalDate> days = new ArrayList<>();
    if (Files.isDirectory(tenantDir)) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(tenantDir)) {
        for (Path child : children) {
          LocalDate day = parseDay(child.getFileName().toString());
          if (day != null && !day.isBefore(from) && !day.isAfter(to)) {
            days.add(day);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    days.sort(Comparator.reverseOrder());
    SearchableBuckets buckets = new SearchableBuckets(days.size());
    long idleAfter = config.searchIdleAfter().toNanos();
    try {
      for (LocalDate day : days) {
        BucketIndex bucket = acquire(tenant, day);
        buckets.add(new SearchableBucket(day, bucket.searchersForSearch(idleAfter)), bucket);
      }
    } catch (IOException | RuntimeException e) {
      buckets.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    return buckets;
  }

  /** The open index of a day, held open; reopened when an idle close got there first. */
  private BucketIndex acquire(String tenant, LocalDate day) {
    String key = tenant + "/" + day;
    while (true) {
      BucketIndex bucket = open.computeIfAbsent(key, k -> openBucket(tenant, day));
      if (bucket.acquire()) {
        return bucket;
      }
      open.remove(key, bucket);
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
        LOG.errorf(e, "Refresh of %s/%s failed", bucket.tenant, bucket.day);
      }
    }
  }

  /** Commits every index with uncommitted events, recording {@code progress}. */
  void commitAll(Map<String, Long> progress) throws IOException {
    for (BucketIndex bucket : open.values()) {
      if (bucket.hasUncommitted()) {
        bucket.commit(progress);
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

  private BucketIndex openBucket(String tenant, LocalDate day) {
    try {
      Path path = root.resolve(tenant).resolve(day.toString());
      Files.createDirectories(path);
      return new BucketIndex(tenant, day, path, config, analyzer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index of " + tenant + " for " + day, e);
    }
  }

  private static LocalDate parseDay(String name) {
    try {
      return LocalDate.parse(name);
    } catch (DateTimeParseException e) {
      return null;
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
