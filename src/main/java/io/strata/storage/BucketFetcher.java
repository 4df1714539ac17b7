package io.strata.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.strata.index.IndexFetcher;
import io.strata.index.IndexId;
import io.strata.index.RemoteIndex;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Downloads an index that is in the bucket only, file by file, each checked against the size and
 * SHA-256 the catalog recorded when it went up: a copy that differs is refused, never opened.
 */
@ApplicationScoped
public class BucketFetcher implements IndexFetcher {

  private final StorageConfig config;
  private final Counter fetches;
  private final Counter fetchedBytes;
  private final Timer fetchTime;
  private ObjectStore store;

  BucketFetcher(StorageConfig config, MeterRegistry metrics) {
    this.config = config;
    this.fetches = metrics.counter("strata.storage.fetches");
    this.fetchedBytes = metrics.counter("strata.storage.fetched.bytes");
    this.fetchTime = metrics.timer("strata.storage.fetch.time");
  }

  private synchronized ObjectStore store() {
    if (store == null) {
      store = ObjectStore.of(config, config.endpoint().orElseThrow(() -> new IllegalStateException(
          "an index is in the bucket only, and STRATA_S3_ENDPOINT is not set")));
    }
    return store;
  }

  @Override
  public void fetch(IndexId id, RemoteIndex remote, Path into) {
    long started = System.nanoTime();
    long total = 0;
    try {
      Files.createDirectories(into);
      for (Map.Entry<String, RemoteIndex.RemoteFile> file : remote.files().entrySet()) {
        Path target = into.resolve(file.getKey());
        Files.deleteIfExists(target);
        store().get(file.getValue().key(), target);
        long size = Files.size(target);
        String sha256 = LocalFiles.sha256(target);
        if (size != file.getValue().bytes() || !sha256.equals(file.getValue().sha256())) {
          throw new IOException("the bucket's copy of " + file.getValue().key() + " differs from"
              + " the catalog (" + size + " bytes, SHA-256 " + sha256 + ")");
        }
        total += size;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch " + id + " from the bucket", e);
    }
    fetches.increment();
    fetchedBytes.increment(total);
    fetchTime.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  @PreDestroy
  synchronized void close() {
    if (store != null) {
      store.close();
    }
  }
}
