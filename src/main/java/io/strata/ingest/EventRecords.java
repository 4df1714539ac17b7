package io.strata.ingest;

import io.strata.pipeline.EventBatchWriter;
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

  /** Starts the records of a request accepted at {@code ingestedAtMillis}. */
  public EventRecords(IngestConfig config, long ingestedAtMillis) {
    this.recordBytes = (int) Math.min(Integer.MAX_VALUE, config.recordBytes().asLongValue());
    this.recordEvents = config.recordEvents();
    this.ingestedAtMillis = ingestedAtMillis;
  }

  /** Appends one event of the given kind; its bytes are copied. */
  public void add(byte kind, byte[] event, int off, int len) {
    if (batch != null && (batch.count() >= recordEvents
        || batch.sizeInBytes() + len + 5 > recordBytes)) {
      records.add(batch.finish());
      batch = null;
    }
    if (batch == null) {
      batch = new EventBatchWriter(ingestedAtMillis, Math.min(recordBytes, Math.max(len * 4, 4096)));
    }
    batch.add(kind, event, off, len);
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
