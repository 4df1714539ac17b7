package io.strata.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.StrataConfig;
import io.strata.pipeline.EventBatchWriter;
import io.strata.pipeline.EventNormalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exactly-once rules of the indexer, with the Kafka side played by hand. */
class IndexerTest {

  private static final String TOPIC = "events";
  private static final long DAY = LocalDate.parse("2026-05-01").toEpochDay() * 86_400_000L;

  @TempDir
  Path dataDir;

  private final List<Indexer> started = new ArrayList<>();
  private SimpleMeterRegistry metrics;

  @AfterEach
  void stop() {
    started.forEach(Indexer::stop);
  }

  @Test
  void replayAfterACrashAddsOnlyWhatTheLastCommitDidNotHold() throws IOException {
    AtomicInteger acks = new AtomicInteger();
    Indexer first = indexer();
    first.index(List.of(record(0, 0, 3), record(1, 0, 2)), acks::incrementAndGet);
    first.checkpoint();
    assertThat(acks).hasValue(1);
    first.index(List.of(record(0, 1, 4)), acks::incrementAndGet);
    // Crash: the second batch was indexed but never committed, so never acknowledged.
    first.indexes().close();
    started.remove(first);
    assertThat(acks).hasValue(1);

    Indexer second = indexer();
    // Kafka committed no offset: everything is delivered again, in order.
    second.index(List.of(record(0, 0, 3), record(1, 0, 2)), acks::incrementAndGet);
    second.index(List.of(record(0, 1, 4)), acks::incrementAndGet);
    second.checkpoint();

    assertThat(count(second)).isEqualTo(9);
    assertThat(metrics.counter("strata.index.events", "tenant", "acme", "outcome", "replayed").count())
        .isEqualTo(5);
    assertThat(acks).hasValue(3);
  }

  @Test
  void eventsOfOneRecordGoToTheIndexOfTheirDay() throws IOException {
    Indexer indexer = indexer();
    EventBatchWriter batch = new EventBatchWriter(DAY, 256);
    for (long at : new long[] {DAY + 1_000, DAY - 1_000, DAY + 86_400_000L}) {
      byte[] event = ("{\"@timestamp\":" + at + ",\"message\":\"m\"}").getBytes(StandardCharsets.UTF_8);
      batch.add(EventNormalizer.KIND_JSON, event, 0, event.length);
    }
    indexer.index(List.of(new IndexerRecord(TOPIC, 0, 0, "acme", batch.finish())), () -> { });
    indexer.checkpoint();

    try (SearchableBuckets buckets = indexer.indexes().forSearch("acme",
        LocalDate.parse("2026-04-01"), LocalDate.parse("2026-06-01"))) {
      assertThat(buckets.list()).extracting(SearchableBucket::day).containsExactly(
          LocalDate.parse("2026-05-02"), LocalDate.parse("2026-05-01"), LocalDate.parse("2026-04-30"));
    }
  }

  @Test
  void aRecordWithAnInvalidTenantOrGarbageIsSkippedNotFatal() throws IOException {
    Indexer indexer = indexer();
    indexer.index(List.of(new IndexerRecord(TOPIC, 0, 0, "../etc", record(0, 0, 1).value()),
        new IndexerRecord(TOPIC, 0, 1, "acme", new byte[] {9, 9, 9}), record(0, 2, 2)), () -> { });
    indexer.checkpoint();

    assertThat(indexer.failure()).isNull();
    assertThat(count(indexer)).isEqualTo(2);
  }

  private Indexer indexer() {
    return indexer(new TestIndexConfig());
  }

  private Indexer indexer(TestIndexConfig config) {
    metrics = new SimpleMeterRegistry();
    Indexer indexer = new Indexer(new TenantIndexes(new TestStrataConfig(dataDir), config), config,
        metrics);
    indexer.start();
    started.add(indexer);
    return indexer;
  }

  @Test
  void idleIndexesAreClosedAndOpenAgainForTheNextSearchOrWrite() throws IOException {
    TestIndexConfig config = new TestIndexConfig();
    config.closeIdleAfter = Duration.ZERO;
    Indexer indexer = indexer(config);
    indexer.index(List.of(record(0, 0, 3)), () -> { });
    indexer.checkpoint(); // commits
    indexer.checkpoint(); // nothing uncommitted, idle: closes
    assertThat(count(indexer)).isEqualTo(3);

    indexer.checkpoint();
    indexer.index(List.of(record(0, 1, 2)), () -> { });
    indexer.checkpoint();
    indexer.checkpoint();
    assertThat(count(indexer)).isEqualTo(5);
  }

  @Test
  void anIndexInUseBySearchIsNotClosed() throws IOException {
    TestIndexConfig config = new TestIndexConfig();
    config.closeIdleAfter = Duration.ZERO;
    Indexer indexer = indexer(config);
    indexer.index(List.of(record(0, 0, 3)), () -> { });
    indexer.checkpoint();
    try (SearchableBuckets buckets = indexer.indexes().forSearch("acme",
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"))) {
      indexer.checkpoint(); // would close it, but a search holds it
      SearchableBucket bucket = buckets.list().getFirst();
      IndexSearcher searcher = bucket.searchers().acquire();
      try {
        assertThat(searcher.count(new MatchAllDocsQuery())).isEqualTo(3);
      } finally {
        bucket.searchers().release(searcher);
      }
    }
  }

  private static IndexerRecord record(int partition, long offset, int events) {
    EventBatchWriter batch = new EventBatchWriter(DAY, 256);
    for (int i = 0; i < events; i++) {
      byte[] event = ("{\"@timestamp\":" + (DAY + 1_000 + i) + ",\"message\":\"p" + partition + " o"
          + offset + " e" + i + "\"}").getBytes(StandardCharsets.UTF_8);
      batch.add(EventNormalizer.KIND_JSON, event, 0, event.length);
    }
    return new IndexerRecord(TOPIC, partition, offset, "acme", batch.finish());
  }

  private static int count(Indexer indexer) throws IOException {
    int total = 0;
    try (SearchableBuckets buckets = indexer.indexes().forSearch("acme",
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"))) {
      for (SearchableBucket bucket : buckets) {
        IndexSearcher searcher = bucket.searchers().acquire();
        try {
          total += searcher.count(new MatchAllDocsQuery());
        } finally {
          bucket.searchers().release(searcher);
        }
      }
    }
    return total;
  }

  private record TestStrataConfig(Path dataDir) implements StrataConfig {
    @Override
    public java.net.URI publicUrl() {
      return java.net.URI.create("http://localhost:8080");
    }

    @Override
    public Optional<String> operatorKey() {
      return Optional.empty();
    }

    @Override
    public Optional<java.util.List<String>> demoTenants() {
      return Optional.empty();
    }

    @Override
    public String demoPassword() {
      return "unused";
    }

    @Override
    public int keycloakPort() {
      return 0;
    }

    @Override
    public Optional<Path> keycloakCacheDir() {
      return Optional.empty();
    }
  }

  private static final class TestIndexConfig implements IndexConfig {
    private Duration closeIdleAfter = Duration.ofMinutes(10);

    @Override
    public Duration refreshInterval() {
      return Duration.ofMillis(100);
    }

    @Override
    public Duration searchIdleAfter() {
      return Duration.ofSeconds(30);
    }

    @Override
    public Duration closeIdleAfter() {
      return closeIdleAfter;
    }

    @Override
    public Duration commitInterval() {
      return Duration.ofHours(1); // only explicit checkpoints
    }

    @Override
    public double ramBufferMb() {
      return 16;
    }

    @Override
    public int threads() {
      return 2;
    }

    @Override
    public StoredCompression storedCompression() {
      return StoredCompression.ZSTD;
    }

    @Override
    public int maxFieldNames() {
      return 10_000;
    }

    @Override
    public int keywordMaxLength() {
      return 256;
    }
  }
}
