package io.strata.ingest;

import io.strata.pipeline.DocumentIds;
import io.strata.pipeline.EventBatchWriter;
import io.strata.pipeline.EventNormalizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs the accepted events of one request into Kafka record values of about {@link
 * IngestConfig#recordBytes()} and at most {@link IngestConfig#recordEvents()} events each, so every
 * protocol sends one record per batch and never one per event.
 *
 * <p>Caution: not thread-safe; one instance per request.
 */
public final class EventRecords {

  private final int recordBytes;
  private final int recordEvents;
  private final long ingestedAtMillis;
  private final List<byte[]> records = new ArrayList<>();
  private EventBatchWriter batch;
  private int count;
  private String idPrefix;
  private long expectedBytes;

  /** Starts the records of a request accepted at {@code ingestedAtMillis}. */
  public EventRecords(IngestConfig config, long ingestedAtMillis) {
    this.recordBytes = (int) Math.min(Integer.MAX_VALUE, config.recordBytes().asLongValue());
    this.recordEvents = config.recordEvents();
    this.ingestedAtMillis = ingestedAtMillis;
  }

  /**
   * Gives every event added from now on the document id {@code idPrefix} followed by its position
   * among this request's events, so that the indexer replaces rather than repeats an event a retry
   * of the same request sends again.
   */
  public void identify(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  /**
   * Says that about {@code bytes} bytes of events are still to come (a request's body length), so
   * that a record's buffer is allocated once at about its final size rather than doubled from a
   * small one: on the ingest path those copies were a tenth of all the bytes allocated.
   */
  public void expect(long bytes) {
    expectedBytes = Math.max(0, bytes);
  }

  /** Appends one event of the given kind; its bytes are copied. */
  public void add(byte kind, byte[] event, int off, int len) {
    byte[] id = idPrefix == null ? null
        : (idPrefix + count).getBytes(StandardCharsets.UTF_8);
    int bytes = id == null ? len : DocumentIds.size(id, len);
    if (batch != null && (batch.count() >= recordEvents
        || batch.sizeInBytes() + bytes + 5 > recordBytes)) {
      records.add(batch.finish());
      batch = null;
    }
    if (batch == null) {
      // Headroom for the per-event overhead and document ids; a wrong guess only costs a copy.
      long expected = expectedBytes > 0 ? expectedBytes + expectedBytes / 8 + bytes : len * 4L;
      batch = new EventBatchWriter(ingestedAtMillis, (int) Math.min(recordBytes, Math.max(expected, 4096)));
    }
    expectedBytes = Math.max(0, expectedBytes - len);
    if (id == null) {
      batch.add(kind, event, off, len);
    } else {
      batch.addWithId(EventNormalizer.withId(kind), id, event, off, len);
    }
    count++;
  }

  /** Events added so far. */
  public int count() {
    return count;
  }

  /** The record values; the instance must not be used afterwards. */
  public List<byte[]> finish() {
    if (batch != null) {
      records.add(batch.finish());
      batch = null;
    }
    return records;
  }
}
