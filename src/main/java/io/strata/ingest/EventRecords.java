package io.strata.ingest;

import io.strata.pipeline.DocumentIds;
import io.strata.pipeline.EventBatchWriter;
import io.strata.pipeline.EventNormalizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * Whether events are written where they lie once their record is full ({@link #inPlace}), rather
   * than copied as they are added.
   */
  private final boolean inPlace;
  /** In place: the events of the record being gathered, and the bytes it will have. */
  private byte[][] sources = new byte[0][];
  private int[] offsets = new int[0];
  private int[] lengths = new int[0];
  private byte[] kinds = new byte[0];
  private byte[][] ids = new byte[0][];
  private int gathered;
  private int gatheredBytes;

  /** Starts the records of a request accepted at {@code ingestedAtMillis}. */
  public EventRecords(IngestConfig config, long ingestedAtMillis) {
    this(config, ingestedAtMillis, false);
  }

  private EventRecords(IngestConfig config, long ingestedAtMillis, boolean inPlace) {
    this.recordBytes = (int) Math.min(Integer.MAX_VALUE, config.recordBytes().asLongValue());
    this.recordEvents = config.recordEvents();
    this.ingestedAtMillis = ingestedAtMillis;
    this.inPlace = inPlace;
  }

  /**
   * Records whose events are not copied as they are added but written once, where they lie, when
   * their record is full: each record value is then allocated at its exact size and written once,
   * where a buffer of a guessed size was filled and then copied to the size Kafka takes. The bytes
   * given to {@link #add} must stay as they are until {@link #finish}: a request body, not a
   * buffer the caller reuses.
   */
  public static EventRecords inPlace(IngestConfig config, long ingestedAtMillis) {
    return new EventRecords(config, ingestedAtMillis, true);
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

  /**
   * Appends one event of the given kind; its bytes are copied, at once or, {@link #inPlace}, when
   * its record is written.
   */
  public void add(byte kind, byte[] event, int off, int len) {
    byte[] id = idPrefix == null ? null
        : (idPrefix + count).getBytes(StandardCharsets.UTF_8);
    int bytes = id == null ? len : DocumentIds.size(id, len);
    if (inPlace) {
      gather(kind, event, off, len, id, bytes);
      count++;
      return;
    }
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

  private void gather(byte kind, byte[] event, int off, int len, byte[] id, int bytes) {
    if (gathered > 0 && (gathered >= recordEvents
        || (long) gatheredBytes + bytes + EventBatchWriter.EVENT_OVERHEAD > recordBytes)) {
      writeGathered();
    }
    if (gathered == sources.length) {
      int size = Math.max(16, gathered * 2);
      sources = Arrays.copyOf(sources, size);
      offsets = Arrays.copyOf(offsets, size);
      lengths = Arrays.copyOf(lengths, size);
      kinds = Arrays.copyOf(kinds, size);
      ids = Arrays.copyOf(ids, size);
    }
    if (gathered == 0) {
      gatheredBytes = EventBatchWriter.HEADER_BYTES;
    }
    sources[gathered] = event;
    offsets[gathered] = off;
    lengths[gathered] = len;
    kinds[gathered] = kind;
    ids[gathered] = id;
    gathered++;
    gatheredBytes += EventBatchWriter.EVENT_OVERHEAD + bytes;
  }

  /** Writes the gathered events into a record value of exactly their size. */
  private void writeGathered() {
    EventBatchWriter writer =
        new EventBatchWriter(ingestedAtMillis, gatheredBytes - EventBatchWriter.HEADER_BYTES);
    for (int i = 0; i < gathered; i++) {
      if (ids[i] == null) {
        writer.add(kinds[i], sources[i], offsets[i], lengths[i]);
      } else {
        writer.addWithId(EventNormalizer.withId(kinds[i]), ids[i], sources[i], offsets[i],
            lengths[i]);
      }
      sources[i] = null; // the record holds the bytes now; the request's buffers may go
      ids[i] = null;
    }
    records.add(writer.finish());
    gathered = 0;
  }

  /** The record values; the instance must not be used afterwards. */
  public List<byte[]> finish() {
    if (gathered > 0) {
      writeGathered();
    }
    if (batch != null) {
      records.add(batch.finish());
      batch = null;
    }
    return records;
  }
}
