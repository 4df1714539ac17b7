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
  void eventsALooseCommitHoldsBeyondItsOffsetsAreDroppedAndIndexedOnceOnReplay()
      throws IOException {
    AtomicInteger acks = new AtomicInteger();
    Indexer first = indexer();
    first.index(List.of(record(0, 0, 3), record(1, 0, 2)), acks::incrementAndGet);
    // A commit starts after the first batch; the next batch slips in before its flush, as it does
    // on the commit thread. Partition 2 is new: the commit records no offset for it at all.
    List<BucketIndex> due = first.indexes().startCommit(false);
    first.index(List.of(record(0, 1, 4), record(2, 0, 1)), acks::incrementAndGet);
    first.indexes().commit(due, java.util.Map.of(TOPIC + "-0", 1L, TOPIC + "-1", 1L), true);
    // Crash before the next commit.
    first.indexes().close();
    started.remove(first);

    Indexer second = indexer();
    assertThat(count(second)).as("what the commit's offsets cover, no more").isEqualTo(5);
    second.index(List.of(record(0, 0, 3), record(1, 0, 2)), acks::incrementAndGet);
    second.index(List.of(record(0, 1, 4), record(2, 0, 1)), acks::incrementAndGet);
    second.checkpoint();
    // Searched a moment ago, so visible at the next refresh (100 ms), not at once.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> count(second) == 10);
    assertThat(metrics.counter("strata.index.events", "tenant", "acme", "outcome", "replayed").count())
        .isEqualTo(5);
    second.stop();
    started.remove(second);

    // That checkpoint was exact: opening the index again drops nothing.
    assertThat(count(indexer())).isEqualTo(10);
  }

  @Test
  void periodicCommitsRunBesideIndexingAndAcknowledgeWhatTheyHold() throws Exception {
    TestIndexConfig config = new TestIndexConfig();
    config.commitInterval = Duration.ZERO;
    Indexer indexer = indexer(config);
    List<Integer> acked = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int batch = 0; batch < 20; batch++) {
      int n = batch;
      indexer.index(List.of(record(0, batch, 50)), () -> acked.add(n));
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> metrics.timer("strata.index.commit").count() > 0 && !acked.isEmpty());
    assertThat(acked).as("acknowledged in order").isSorted();
    indexer.checkpoint();
    assertThat(acked).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed()
        .toList());
    assertThat(count(indexer)).isEqualTo(1_000);
  }

  @Test
  void aHandedOverPartitionIsCommittedAndItsLateRecordsAreNotIndexed() throws IOException {
    Indexer indexer = indexer();
    indexer.index(List.of(record(0, 0, 3), record(1, 0, 2)), () -> { });
    // Kafka moves partition 0 to another node: what is indexed is committed, at these offsets.
    assertThat(indexer.handOver(List.of(TOPIC + "-0"))).containsExactly(
        java.util.Map.entry(TOPIC + "-0", 1L));
    // A batch polled before the move comes late: partition 0 is the new owner's now.
    indexer.index(List.of(record(0, 1, 4), record(1, 1, 1)), () -> { });
    indexer.checkpoint();
    assertThat(count(indexer)).isEqualTo(3 + 2 + 1);
  }

  @Test
  void aPartitionGivenStraightBackIsNotIndexedTwice() throws IOException {
    Indexer indexer = indexer();
    indexer.index(List.of(record(0, 0, 3)), () -> { });
    indexer.handOver(List.of(TOPIC + "-0"));
    indexer.takeOver(List.of(TOPIC + "-0"));
    // The batch polled before the rebalance arrives after it, then the consumer reads the
    // partition again from the offset committed at the hand-over.
    indexer.index(List.of(record(0, 1, 4)), () -> { });
    indexer.index(List.of(record(0, 1, 4), record(0, 2, 5)), () -> { });
    indexer.checkpoint();
    assertThat(count(indexer)).isEqualTo(3 + 4 + 5);
  }

  @Test
  void aNodeKilledBeforeKafkaRecordedItsOffsetsDropsWhatTheNextOwnerIndexesAgain()
      throws IOException {
    Indexer first = indexer();
    first.index(List.of(record(0, 0, 3), record(0, 1, 4), record(0, 2, 5), record(1, 0, 2)),
        () -> { });
    first.checkpoint();
    // Killed: Kafka had recorded partition 0 up to offset 1 only. Back with the same indexes, it
    // learns that another node took partition 0 from offset 1 and indexes 1 and 2 itself.
    first.indexes().close();
    started.remove(first);
    Indexer back = indexer();
    assertThat(back.dropTakenOver(java.util.Map.of(TOPIC + "-0", 1L))).isEqualTo(4 + 5);
    assertThat(count(back)).as("partition 0 below offset 1, all of partition 1").isEqualTo(3 + 2);
    assertThat(back.dropTakenOver(java.util.Map.of(TOPIC + "-0", 1L))).isZero();

    // Later the partition comes back from offset 1: its records are indexed here again, not
    // skipped as already held, and nothing is doubled.
    back.index(List.of(record(0, 1, 4), record(0, 2, 5)), () -> { });
    back.checkpoint();
    back.indexes().close();
    started.remove(back);
    Indexer again = indexer();
    again.index(List.of(record(0, 1, 4), record(0, 2, 5)), () -> { });
    again.checkpoint();
    assertThat(count(again)).isEqualTo(3 + 4 + 5 + 2);
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

  @Test
  void theWorkersShareABatchAndIndexEachEventOnce() throws IOException {
    Indexer indexer = indexer(); // two workers
    // Records of odd sizes, one of them garbage: the shares still cover every event once.
    indexer.index(List.of(record(0, 0, 3), new IndexerRecord(TOPIC, 0, 1, "acme",
        new byte[] {9, 9, 9}), record(0, 2, 7), record(1, 0, 1)), () -> { });
    indexer.checkpoint();

    assertThat(count(indexer)).isEqualTo(11);
    for (String event : List.of("p0 o0 e0", "p0 o0 e2", "p0 o2 e0", "p0 o2 e6", "p1 o0 e0")) {
      assertThat(count(indexer, new org.apache.lucene.search.PhraseQuery("message",
          event.split(" ")))).as(event).isEqualTo(1);
    }
  }

  @Test
  void aLargeBatchIsClaimedInRunsThatCrossRecordsAndEachEventIsIndexedOnce() throws IOException {
    Indexer indexer = indexer(); // two workers
    // 15,001 events: eight runs of 2,048 that begin and end inside records, and a last short one.
    indexer.index(List.of(record(0, 0, 5_000), record(0, 1, 1), new IndexerRecord(TOPIC, 0, 2,
        "acme", new byte[] {9, 9, 9}), record(0, 3, 10_000)), () -> { });
    indexer.checkpoint();

    assertThat(count(indexer)).isEqualTo(15_001);
    for (String event : List.of("p0 o0 e0", "p0 o0 e2047", "p0 o0 e2048", "p0 o0 e4999",
        "p0 o1 e0", "p0 o3 e0", "p0 o3 e1046", "p0 o3 e1047", "p0 o3 e9999")) {
      assertThat(count(indexer, new org.apache.lucene.search.PhraseQuery("message",
          event.split(" ")))).as(event).isEqualTo(1);
    }
  }

  /** Events of service "payments" in class "payments" (90 days), the rest default (10 days). */
  private static final RetentionRouting BY_SERVICE = tenant -> new RetentionRouting.ClassRouting() {
    @Override
    public String classOf(org.apache.lucene.document.Document document, MatcherScratch scratch) {
      return "payments".equals(keyword(document, "service")) ? "payments" : IndexId.DEFAULT_CLASS;
    }

    @Override
    public int daysOf(String retentionClass) {
      return retentionClass.equals("payments") ? 90 : 10;
    }
  };

  private Indexer classifyingIndexer(java.time.Instant now) {
    metrics = new SimpleMeterRegistry();
    TestIndexConfig config = new TestIndexConfig();
    Indexer indexer = new Indexer(new TenantIndexes(new TestStrataConfig(dataDir), config), config,
        metrics, IndexListener.NONE, BY_SERVICE, ParsingRouting.NONE, ErasureGuard.NONE,
        java.time.InstantSource.fixed(now));
    indexer.start();
    started.add(indexer);
    return indexer;
  }

  /** The first keyword the document indexes under {@code name}; null when none. */
  private static String keyword(org.apache.lucene.document.Document document, String name) {
    org.apache.lucene.index.IndexableField field = document.getField(name);
    return field == null ? null : field.binaryValue().utf8ToString();
  }

  private static IndexerRecord serviceRecord(long offset, long... timesAndServices) {
    EventBatchWriter batch = new EventBatchWriter(DAY, 256);
    for (int i = 0; i < timesAndServices.length; i += 2) {
      String service = timesAndServices[i + 1] == 1 ? "payments" : "checkout";
      byte[] event = ("{\"@timestamp\":" + timesAndServices[i] + ",\"message\":\"m" + i
          + "\",\"service\":\"" + service + "\"}").getBytes(StandardCharsets.UTF_8);
      batch.add(EventNormalizer.KIND_JSON, event, 0, event.length);
    }
    return new IndexerRecord(TOPIC, 0, offset, "acme", batch.finish());
  }

  @Test
  void theClassesOfADayAreSearchedAsOneIndexNewestFirst() throws IOException {
    Indexer indexer = classifyingIndexer(java.time.Instant.ofEpochMilli(DAY + 86_400_000L));
    indexer.index(List.of(serviceRecord(0, DAY + 4_000, 1, DAY + 3_000, 0, DAY + 2_000, 1,
        DAY + 1_000, 0)), () -> { });
    indexer.checkpoint();

    assertThat(indexer.indexes().list("acme")).extracting(IndexId::directoryName)
        .containsExactlyInAnyOrder("2026-05-01", "2026-05-01.payments");
    try (SearchableBuckets buckets = indexer.indexes().forSearch("acme",
        LocalDate.parse("2026-05-01"), LocalDate.parse("2026-05-01"))) {
      assertThat(buckets.list()).hasSize(1);
      SearchableBucket day = buckets.list().getFirst();
      IndexSearcher searcher = buckets.acquire(day);
      var hits = searcher.search(new MatchAllDocsQuery(), 10, IndexSchema.NEWEST_FIRST);
      List<Long> times = new ArrayList<>();
      for (var hit : hits.scoreDocs) {
        times.add((Long) ((org.apache.lucene.search.FieldDoc) hit).fields[0]);
      }
      assertThat(times).containsExactly(DAY + 4_000, DAY + 3_000, DAY + 2_000, DAY + 1_000);
    }
  }

  @Test
  void anEventPastItsClassWhenItArrivesIsNotStored() throws IOException {
    // Twenty days later: the default class (10 days) is past, payments (90 days) is not.
    Indexer indexer = classifyingIndexer(java.time.Instant.ofEpochMilli(DAY + 20 * 86_400_000L));
    indexer.index(List.of(serviceRecord(0, DAY + 1_000, 1, DAY + 2_000, 0)), () -> { });
    indexer.checkpoint();

    assertThat(count(indexer)).isEqualTo(1);
    assertThat(metrics.counter("strata.index.events", "tenant", "acme", "outcome", "expired").count())
        .isEqualTo(1);
  }

  @Test
  void deletingAnIndexRemovesItAloneAndASearchUnderWayFinishes() throws IOException {
    Indexer indexer = classifyingIndexer(java.time.Instant.ofEpochMilli(DAY + 86_400_000L));
    indexer.index(List.of(serviceRecord(0, DAY + 1_000, 1, DAY + 2_000, 0, DAY + 3_000, 1)),
        () -> { });
    indexer.checkpoint();
    IndexId payments = new IndexId("acme", LocalDate.parse("2026-05-01"), "payments");
    assertThat(indexer.indexes().stats(payments).events()).isEqualTo(2);

    try (SearchableBuckets during = indexer.indexes().forSearch("acme",
        LocalDate.parse("2026-05-01"), LocalDate.parse("2026-05-01"))) {
      IndexSearcher searcher = during.acquire(during.list().getFirst());
      IndexStats gone = indexer.delete(payments);
      assertThat(gone.events()).isEqualTo(2);
      assertThat(gone.bytes()).isPositive();
      assertThat(searcher.count(new MatchAllDocsQuery())).isEqualTo(3);
    }
    assertThat(count(indexer)).isEqualTo(1);
    assertThat(indexer.indexes().list("acme")).extracting(IndexId::retentionClass)
        .containsExactly(IndexId.DEFAULT_CLASS);
    assertThat(indexer.indexes().stats(payments)).isEqualTo(IndexStats.EMPTY);
  }

  @Test
  void anErasureDeletesTheMatchingEventsAndRewritesTheirSegments() throws IOException {
    Indexer indexer = classifyingIndexer(java.time.Instant.ofEpochMilli(DAY + 86_400_000L));
    indexer.index(List.of(serviceRecord(0, DAY + 1_000, 0, DAY + 2_000, 0, DAY + 3_000, 0)),
        () -> { });
    indexer.index(List.of(serviceRecord(1, DAY + 4_000, 0)), () -> { });
    IndexId day = new IndexId("acme", LocalDate.parse("2026-05-01"), IndexId.DEFAULT_CLASS);
    EraseResult result = indexer.erase(day, new org.apache.lucene.search.TermQuery(
        new org.apache.lucene.index.Term("message", "m0")));

    assertThat(result.matched()).isEqualTo(2);
    assertThat(result.deleted()).isEqualTo(2);
    assertThat(result.remaining()).isZero();
    assertThat(result.segmentsRewritten()).isPositive();
    assertThat(result.segmentsWithDeletions()).isZero();
    assertThat(count(indexer)).isEqualTo(2);
  }

  @Test
  void anEventOfAnErasureIngestedBeforeItCompletedIsDroppedNotIndexed() throws IOException {
    metrics = new SimpleMeterRegistry();
    TestIndexConfig config = new TestIndexConfig();
    // Erases payments events of the day ingested before DAY (the batch below says DAY - 1).
    ErasureGuard guard = tenant -> (document, timestamp, ingestedAt, scratch) ->
        "payments".equals(keyword(document, "service")) && ingestedAt < DAY;
    Indexer indexer = new Indexer(new TenantIndexes(new TestStrataConfig(dataDir), config), config,
        metrics, IndexListener.NONE, RetentionRouting.KEEP_ALL, ParsingRouting.NONE, guard,
        java.time.InstantSource.system());
    indexer.start();
    started.add(indexer);
    EventBatchWriter batch = new EventBatchWriter(DAY - 1, 256);
    for (String service : new String[] {"payments", "checkout", "payments"}) {
      byte[] event = ("{\"@timestamp\":" + (DAY + 1_000) + ",\"service\":\"" + service
          + "\",\"message\":\"m\"}").getBytes(StandardCharsets.UTF_8);
      batch.add(EventNormalizer.KIND_JSON, event, 0, event.length);
    }
    indexer.index(List.of(new IndexerRecord(TOPIC, 0, 0, "acme", batch.finish())), () -> { });
    indexer.checkpoint();

    assertThat(count(indexer)).isEqualTo(1);
    assertThat(metrics.counter("strata.index.events", "tenant", "acme", "outcome", "erased").count())
        .isEqualTo(2);
  }

  @Test
  void aParsingRuleReplacesTimeAndFieldsAndAFailedOneLeavesTheEvent() throws IOException {
    long ruleTime = DAY + 3_600_000L;
    // Parses events of service "web"; fails on the others (as a rule whose stamp is unreadable).
    ParsingRouting rules = tenant -> (document, message, ingestedAt, scratch, out) -> {
      if (!"web".equals(keyword(document, "service"))) {
        out.field("leaked", "x", false);
        return ParsingRouting.Outcome.FAILED;
      }
      out.timestamp(ruleTime * 1_000_000L);
      out.field("status", message.substring(0, 3), true);
      out.field("service", "frontend", false);
      return ParsingRouting.Outcome.PARSED;
    };
    metrics = new SimpleMeterRegistry();
    TestIndexConfig config = new TestIndexConfig();
    Indexer indexer = new Indexer(new TenantIndexes(new TestStrataConfig(dataDir), config), config,
        metrics, IndexListener.NONE, RetentionRouting.KEEP_ALL, rules, ErasureGuard.NONE,
        java.time.InstantSource.system());
    indexer.start();
    started.add(indexer);
    EventBatchWriter batch = new EventBatchWriter(DAY, 256);
    for (String service : new String[] {"web", "db"}) {
      byte[] event = ("{\"@timestamp\":" + (DAY + 1_000) + ",\"service\":\"" + service
          + "\",\"message\":\"503 upstream\"}").getBytes(StandardCharsets.UTF_8);
      batch.add(EventNormalizer.KIND_JSON, event, 0, event.length);
    }
    indexer.index(List.of(new IndexerRecord(TOPIC, 0, 0, "acme", batch.finish())), () -> { });
    indexer.checkpoint();

    assertThat(count(indexer, org.apache.lucene.document.DoublePoint.newExactQuery(
        IndexSchema.numeric("status"), 503))).isEqualTo(1);
    assertThat(count(indexer, org.apache.lucene.document.LongField.newExactQuery(
        IndexSchema.TIMESTAMP, ruleTime))).isEqualTo(1);
    // The capture replaced the service it had; the failed rule left its event untouched.
    assertThat(count(indexer, new org.apache.lucene.search.TermQuery(
        new org.apache.lucene.index.Term("service", "web")))).isZero();
    assertThat(count(indexer, new org.apache.lucene.search.TermQuery(
        new org.apache.lucene.index.Term("service", "frontend")))).isEqualTo(1);
    assertThat(count(indexer, new org.apache.lucene.search.TermQuery(
        new org.apache.lucene.index.Term("service", "db")))).isEqualTo(1);
    assertThat(count(indexer, new org.apache.lucene.search.TermQuery(
        new org.apache.lucene.index.Term("leaked", "x")))).isZero();
    assertThat(metrics.counter("strata.parsing.events", "tenant", "acme", "outcome", "parsed")
        .count()).isEqualTo(1);
    assertThat(metrics.counter("strata.parsing.events", "tenant", "acme", "outcome", "failed")
        .count()).isEqualTo(1);
  }

  @Test
  void anEventWithTheIdOfAnIndexedOneReplacesIt() throws IOException {
    Indexer indexer = indexer();
    for (int record = 0; record < 2; record++) {
      EventBatchWriter batch = new EventBatchWriter(DAY, 256);
      for (String id : new String[] {"doc-1", "doc-2"}) {
        byte[] json = ("{\"@timestamp\":" + (DAY + 1_000) + ",\"message\":\"m\"}")
            .getBytes(StandardCharsets.UTF_8);
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] event = new byte[io.strata.pipeline.DocumentIds.size(idBytes, json.length)];
        io.strata.pipeline.DocumentIds.write(idBytes, json, 0, json.length, event);
        batch.add(EventNormalizer.KIND_JSON_WITH_ID, event, 0, event.length);
      }
      byte[] plain = ("{\"@timestamp\":" + (DAY + 2_000) + ",\"message\":\"no id\"}")
          .getBytes(StandardCharsets.UTF_8);
      batch.add(EventNormalizer.KIND_JSON, plain, 0, plain.length);
      indexer.index(List.of(new IndexerRecord(TOPIC, 0, record, "acme", batch.finish())), () -> { });
    }
    indexer.checkpoint();

    // Two ids, each once; the event without an id twice.
    assertThat(count(indexer)).isEqualTo(4);
    assertThat(count(indexer, new org.apache.lucene.search.TermQuery(
        new org.apache.lucene.index.Term(IndexSchema.DOC_ID, "doc-1")))).isEqualTo(1);
  }

  @Test
  void aSnapshotPinsTheChangedIndexesAtOneCommitWithTheOffsetsItCovers() throws IOException {
    Indexer indexer = indexer();
    indexer.index(List.of(record(0, 0, 3), record(1, 0, 2)), () -> { });
    Path staging = dataDir.resolve("staging");
    IndexSnapshot first = indexer.snapshot(staging, java.util.Map.of());
    assertThat(first.offsets()).containsEntry(TOPIC + "-0", 1L).containsEntry(TOPIC + "-1", 1L);
    assertThat(first.commits()).hasSize(1);
    IndexId id = first.commits().keySet().iterator().next();
    CommitFiles pinned = first.commits().get(id);
    assertThat(pinned.events()).isEqualTo(5);
    assertThat(pinned.offsets()).containsEntry(TOPIC + "-0", 1L);

    // More events and a merge down to one segment: the first commit's files go from the index,
    // and stay readable where the snapshot pinned them.
    indexer.index(List.of(record(0, 1, 4)), () -> { });
    indexer.indexes().mergeForSealing(id);
    indexer.checkpoint();
    for (Path file : pinned.files().values()) {
      assertThat(file).isRegularFile();
    }
    // Only what changed since is pinned again.
    IndexSnapshot second = indexer.snapshot(dataDir.resolve("staging2"),
        java.util.Map.of(id, pinned.generation()));
    assertThat(second.commits().get(id).generation()).isGreaterThan(pinned.generation());
    assertThat(second.commits().get(id).events()).isEqualTo(9);
    IndexSnapshot third = indexer.snapshot(dataDir.resolve("staging3"),
        java.util.Map.of(id, second.commits().get(id).generation()));
    assertThat(third.commits()).isEmpty();
  }

  @Test
  void anEvictedIndexIsFetchedBackWhenReadAndACrashMidEvictionIsTidied() throws IOException {
    // The bucket here is a directory of copies: what is tested is the disk side.
    Path bucket = dataDir.resolve("bucket");
    List<IndexId> fetched = new ArrayList<>();
    IndexFetcher fetcher = (id, remote, into) -> {
      fetched.add(id);
      try {
        java.nio.file.Files.createDirectories(into);
        for (var file : remote.files().entrySet()) {
          java.nio.file.Files.copy(bucket.resolve(file.getValue().key()),
              into.resolve(file.getKey()));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    TestIndexConfig config = new TestIndexConfig();
    metrics = new SimpleMeterRegistry();
    TenantIndexes indexes = new TenantIndexes(new TestStrataConfig(dataDir), config, fetcher);
    Indexer indexer = new Indexer(indexes, config, metrics);
    indexer.start();
    started.add(indexer);
    indexer.index(List.of(record(0, 0, 3), record(1, 0, 2)), () -> { });
    IndexSnapshot snapshot = indexer.snapshot(dataDir.resolve("staging"), java.util.Map.of());
    IndexId id = snapshot.commits().keySet().iterator().next();
    CommitFiles commit = snapshot.commits().get(id);
    java.util.SortedMap<String, RemoteIndex.RemoteFile> files = new java.util.TreeMap<>();
    long bytes = 0;
    for (var file : commit.files().entrySet()) {
      java.nio.file.Files.createDirectories(bucket);
      java.nio.file.Files.copy(file.getValue(), bucket.resolve("c-" + file.getKey()));
      long size = java.nio.file.Files.size(file.getValue());
      files.put(file.getKey(), new RemoteIndex.RemoteFile("c-" + file.getKey(), size, "-"));
      bytes += size;
    }
    RemoteIndex remote = new RemoteIndex(commit.generation(), commit.events(), bytes,
        commit.offsets(), files);

    // Open (just written): it stays. Closed: it leaves the disk for a marker.
    assertThat(indexes.evict(id, remote)).isZero();
    config.closeIdleAfter = Duration.ZERO;
    indexer.checkpoint();
    assertThat(indexes.evict(id, remote)).isPositive();
    assertThat(indexes.remoteOnly(id)).isEqualTo(remote);
    assertThat(indexes.list("acme")).containsExactly(id);
    assertThat(indexes.stats(id)).isEqualTo(new IndexStats(5, bytes));
    assertThat(indexes.commitGeneration(id)).isEqualTo(commit.generation());
    assertThat(fetched).isEmpty();

    // A read fetches it, once, and finds every event.
    assertThat(count(indexer)).isEqualTo(5);
    assertThat(count(indexer)).isEqualTo(5);
    assertThat(fetched).containsExactly(id);
    assertThat(indexes.remoteOnly(id)).isNull();

    // A crash mid-eviction (marker written, directory renamed, not deleted) and one mid-fetch
    // (directory in place, marker not yet deleted): a restart keeps the complete index.
    indexer.stop();
    started.remove(indexer);
    Path tenant = dataDir.resolve("indexes").resolve("acme");
    java.nio.file.Files.writeString(tenant.resolve(id.directoryName() + "~remote"),
        remote.toJson());
    java.nio.file.Files.createDirectories(tenant.resolve("2026-04-30~evicting"));
    Indexer restarted = new Indexer(new TenantIndexes(new TestStrataConfig(dataDir), config,
        fetcher), config, metrics);
    restarted.start();
    started.add(restarted);
    assertThat(tenant.resolve(id.directoryName() + "~remote")).doesNotExist();
    assertThat(tenant.resolve("2026-04-30~evicting")).doesNotExist();
    assertThat(count(restarted)).isEqualTo(5);
    assertThat(fetched).hasSize(1);
  }

  @Test
  void anIndexWrittenWithMessageNormsKeepsThemWhileNewIndexesHaveNone() throws IOException {
    // An index from before norms were left out of the message: Lucene would refuse a document
    // without them ("cannot change field ... omitNorms").
    Path old = dataDir.resolve("indexes").resolve("acme").resolve("2026-05-01");
    try (var writer = new org.apache.lucene.index.IndexWriter(
        org.apache.lucene.store.FSDirectory.open(old),
        new org.apache.lucene.index.IndexWriterConfig())) {
      org.apache.lucene.document.Document document = new org.apache.lucene.document.Document();
      document.add(new org.apache.lucene.document.TextField("message", "written before",
          org.apache.lucene.document.Field.Store.NO));
      writer.addDocument(document);
      writer.commit();
    }
    Indexer indexer = indexer();
    EventBatchWriter batch = new EventBatchWriter(DAY + 86_400_000L, 256);
    for (int i = 0; i < 2; i++) {
      byte[] event = ("{\"@timestamp\":" + (DAY + 86_400_000L + i) + ",\"message\":\"next day\"}")
          .getBytes(StandardCharsets.UTF_8);
      batch.add(EventNormalizer.KIND_JSON, event, 0, event.length);
    }
    IndexerRecord nextDay = new IndexerRecord(TOPIC, 1, 0, "acme", batch.finish());
    indexer.index(List.of(record(0, 0, 3), nextDay), () -> { });
    indexer.checkpoint();

    assertThat(count(indexer)).isEqualTo(6);
    assertThat(count(indexer, new org.apache.lucene.search.TermQuery(
        new org.apache.lucene.index.Term("message", "p0")))).isEqualTo(3);
    assertThat(messageHasNorms(old)).isTrue();
    assertThat(messageHasNorms(old.resolveSibling("2026-05-02"))).isFalse();
  }

  private static boolean messageHasNorms(Path index) throws IOException {
    try (var reader = org.apache.lucene.index.DirectoryReader.open(
        org.apache.lucene.store.FSDirectory.open(index))) {
      return org.apache.lucene.index.FieldInfos.getMergedFieldInfos(reader).fieldInfo("message")
          .hasNorms();
    }
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
  void aCommitThatWroteSomethingIsTimedAndAnEmptyOneIsNot() throws IOException {
    Indexer indexer = indexer();
    indexer.checkpoint(); // nothing indexed yet
    assertThat(metrics.find("strata.index.commit").timer()).isNull();

    indexer.index(List.of(record(0, 0, 3)), () -> { });
    indexer.checkpoint();
    indexer.checkpoint(); // nothing new since the one before
    var commits = metrics.find("strata.index.commit").timer();
    assertThat(commits).isNotNull();
    assertThat(commits.count()).isEqualTo(1);
    assertThat(commits.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
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
    return count(indexer, new MatchAllDocsQuery());
  }

  private static int count(Indexer indexer, org.apache.lucene.search.Query query)
      throws IOException {
    int total = 0;
    try (SearchableBuckets buckets = indexer.indexes().forSearch("acme",
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"))) {
      for (SearchableBucket bucket : buckets) {
        IndexSearcher searcher = bucket.searchers().acquire();
        try {
          total += searcher.count(query);
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
    public Optional<java.util.List<String>> demoUsers() {
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

    @Override
    public Optional<String> roles() {
      return Optional.empty();
    }

    @Override
    public String nodeId() {
      return "test-node";
    }

    @Override
    public Optional<String> nodeUrl() {
      return Optional.empty();
    }
  }

  private static final class TestIndexConfig implements IndexConfig {
    private Duration closeIdleAfter = Duration.ofMinutes(10);
    private Duration commitInterval = Duration.ofHours(1); // only explicit checkpoints

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
      return commitInterval;
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
    public Duration futureTolerance() {
      return Duration.ofDays(1);
    }

    @Override
    public int keywordMaxLength() {
      return 256;
    }
  }
}
