package io.strata.index;

import io.micrometer.core.instrument.MeterRegistry;
import io.strata.pipeline.EventBatchReader;
import io.strata.pipeline.EventNormalizer;
import io.strata.tenancy.TenantIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One indexing thread's share of a batch: decodes the records, normalises the events dealt to it,
 * and adds each to the index of its tenant, day and retention class, skipping what a replay brings
 * again and what is already past its retention.
 *
 * <p>Caution: keeps reusable state; one per thread, used by one batch at a time.
 */
final class IndexWorker {

  private static final Logger LOG = Logger.getLogger(IndexWorker.class);
  private static final long DAY_MILLIS = 86_400_000L;
  private static final ParsingRouting.Outcome[] OUTCOMES = ParsingRouting.Outcome.values();
  private static final int PARSING_COUNTS = 5;

  private final TenantIndexes indexes;
  private final MeterRegistry metrics;
  private final IndexListener listener;
  private final EventNormalizer normalizer;
  private final EventDocumentBuilder builder;
  private final RetentionRouting routing;
  private final ParsingRouting parsing;
  private final ErasureGuard erasures;
  private final long futureToleranceNanos;
  private final ParsedFields parsed = new ParsedFields();
  private final InstantSource clock;
  private final MatcherScratch scratch = new MatcherScratch();
  /**
   * Per tenant: indexed, failed, replayed, expired on arrival, erased; then parsing rules' outcomes
   * from {@link #PARSING_COUNTS} on.
   */
  private final Map<String, long[]> counts = new HashMap<>();
  private String lastTenant;
  private long lastDay = Long.MIN_VALUE;
  private String lastClass;
  private BucketIndex lastBucket;
  private long today;

  IndexWorker(TenantIndexes indexes, IndexConfig config, MeterRegistry metrics,
      IndexListener listener, RetentionRouting routing, ParsingRouting parsing,
      ErasureGuard erasures, InstantSource clock) {
    this.indexes = indexes;
    this.metrics = metrics;
    this.listener = listener;
    this.routing = routing;
    this.parsing = parsing;
    this.erasures = erasures;
    this.futureToleranceNanos = config.futureTolerance().toNanos();
    this.clock = clock;
    this.builder = new EventDocumentBuilder(config.keywordMaxLength());
    this.normalizer = new EventNormalizer(config.futureTolerance().toNanos());
  }

  /**
   * Indexes runs of the batch's events, claiming one after another until none is left (see {@link
   * BatchChunks}).
   */
  void indexAll(BatchChunks chunks) {
    counts.clear();
    // Between batches an idle index may have been closed: never reuse a bucket across batches.
    lastBucket = null;
    lastTenant = null;
    today = Math.floorDiv(clock.millis(), DAY_MILLIS);
    for (int from = chunks.claim(); from >= 0; from = chunks.claim()) {
      int end = chunks.endOf(from);
      for (int r = chunks.recordAt(from); r < chunks.records() && chunks.start(r) < end; r++) {
        indexRecord(chunks.record(r), chunks.start(r), from, end);
      }
    }
    counts.forEach((tenant, n) -> {
      metrics.counter("strata.index.events", "tenant", tenant, "outcome", "indexed").increment(n[0]);
      if (n[1] > 0) {
        metrics.counter("strata.index.events", "tenant", tenant, "outcome", "failed").increment(n[1]);
      }
      if (n[2] > 0) {
        metrics.counter("strata.index.events", "tenant", tenant, "outcome", "replayed").increment(n[2]);
      }
      if (n[3] > 0) {
        metrics.counter("strata.index.events", "tenant", tenant, "outcome", "expired").increment(n[3]);
      }
      if (n[4] > 0) {
        metrics.counter("strata.index.events", "tenant", tenant, "outcome", "erased").increment(n[4]);
      }
      for (int o = 1; o < OUTCOMES.length; o++) {
        if (n[PARSING_COUNTS + o] > 0) {
          metrics.counter("strata.parsing.events", "tenant", tenant, "outcome",
              OUTCOMES[o].name().toLowerCase(Locale.ROOT)).increment(n[PARSING_COUNTS + o]);
        }
      }
    });
  }

  /**
   * Indexes the events of a record, whose first event is at batch position {@code position}, that
   * lie in {@code [first, end)}. A record that is not a batch or has an invalid tenant key is
   * skipped; the indexer has reported it ({@link Indexer}).
   */
  private void indexRecord(IndexerRecord record, int position, int first, int end) {
    String tenant = record.tenant();
    if (!TenantIds.isValid(tenant)) {
      return;
    }
    EventBatchReader reader;
    try {
      reader = new EventBatchReader(record.value());
    } catch (IllegalArgumentException e) {
      return;
    }
    long[] count = counts.computeIfAbsent(tenant, t -> new long[PARSING_COUNTS + OUTCOMES.length]);
    RetentionRouting.ClassRouting classes = routing.forTenant(tenant);
    ParsingRouting.TenantParsing rules = parsing.forTenant(tenant);
    ErasureGuard.TenantErasures erased = erasures.forTenant(tenant);
    // Null unless someone follows this tenant (live tail); asked once per run, not per event.
    IndexListener.Receiver receiver = listener.receiverFor(tenant);
    String topicPartition = record.topicPartition();
    while (hasNext(reader, record)) {
      int at = position + reader.index();
      if (at < first) {
        continue;
      }
      if (at >= end) {
        break;
      }
      long seq = IndexSchema.seq(record.partition(), record.offset(), reader.index());
      builder.begin(seq, reader.kind(), reader.buffer(), reader.offset(), reader.length());
      try {
        normalizer.normalize(reader.kind(), reader.buffer(), reader.offset(), reader.length(),
            reader.ingestedAtMillis(), builder);
      } catch (IOException e) {
        count[1]++;
        LOG.warnf("Event %d of record %s@%d cannot be normalised: %s", reader.index(),
            topicPartition, record.offset(), e.getMessage());
        continue;
      }
      if (rules != null) {
        parse(rules, reader.ingestedAtMillis(), count);
      }
      if (erased != null && erased.erased(builder.document(), builder.timestampMillis(),
          reader.ingestedAtMillis(), scratch)) {
        count[4]++;
        continue;
      }
      long day = Math.floorDiv(builder.timestampMillis(), DAY_MILLIS);
      String retentionClass = classes.classOf(builder.document(), scratch);
      if (today - day > classes.daysOf(retentionClass)) {
        count[3]++; // older than its class keeps events: its index is gone or about to go
        continue;
      }
      BucketIndex bucket = bucket(tenant, day, retentionClass);
      if (record.offset() < bucket.committedOffset(topicPartition)) {
        count[2]++; // replayed after a crash: this index already holds it
        continue;
      }
      try {
        int ignored = bucket.replace(builder.docId(), builder.document());
        if (ignored > 0) {
          metrics.counter("strata.index.fields.ignored", "tenant", tenant).increment(ignored);
        }
      } catch (IllegalArgumentException e) {
        count[1]++;
        LOG.warnf("Event %d of record %s@%d rejected by the index: %s", reader.index(),
            topicPartition, record.offset(), e.getMessage());
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      count[0]++;
      if (receiver != null) {
        receiver.indexed(seq, builder.timestampMillis(), builder.document());
      }
    }
  }

  /**
   * Runs the tenant's parsing rules on the event just normalised. A rule extracts into {@link
   * #parsed} first and the document changes only when it succeeded, so a failing rule leaves the
   * event exactly as it was.
   */
  private void parse(ParsingRouting.TenantParsing rules, long ingestedAtMillis, long[] count) {
    String message = builder.message();
    if (message == null) {
      return;
    }
    parsed.clear();
    ParsingRouting.Outcome outcome =
        rules.parse(builder.document(), message, ingestedAtMillis, scratch, parsed);
    count[PARSING_COUNTS + outcome.ordinal()]++;
    if (outcome == ParsingRouting.Outcome.PARSED && !parsed.isEmpty()) {
      parsed.applyTo(builder, ingestedAtMillis, futureToleranceNanos);
    }
  }

  /** A record damaged after its first events keeps those and loses only the rest. */
  private boolean hasNext(EventBatchReader reader, IndexerRecord record) {
    try {
      return reader.next();
    } catch (IllegalArgumentException e) {
      LOG.errorf("Skipping the rest of record %s@%d: %s", record.topicPartition(), record.offset(),
          e.getMessage());
      return false;
    }
  }

  private BucketIndex bucket(String tenant, long epochDay, String retentionClass) {
    if (epochDay != lastDay || !tenant.equals(lastTenant) || !retentionClass.equals(lastClass)) {
      lastBucket = indexes.forWrite(tenant, LocalDate.ofEpochDay(epochDay), retentionClass);
      lastTenant = tenant;
      lastDay = epochDay;
      lastClass = retentionClass;
    }
    return lastBucket;
  }
}
