package io.strata.pipeline;

import java.util.Arrays;

/**
 * Packs the events of one tenant into the value of a single Kafka record, so the broker sees one
 * record per batch rather than one per event.
 *
 * <p>Layout (big-endian): version byte, ingest time (epoch millis, 8 bytes), event count (4 bytes),
 * then per event a kind byte ({@link EventNormalizer#KIND_JSON} and the others there), a length (4
 * bytes) and the event's bytes exactly as sent, after its document id for the kinds with one
 * ({@link DocumentIds}).
 */
public final class EventBatchWriter {

  static final byte VERSION = 1;
  /** Bytes of a record value before its first event. */
  public static final int HEADER_BYTES = 13;
  /** Bytes of each event's kind and length. */
  public static final int EVENT_OVERHEAD = 5;

  private byte[] buffer;
  private int size;
  private int count;

  /** Starts a batch of events accepted at {@code ingestedAtMillis}. */
  public EventBatchWriter(long ingestedAtMillis, int expectedBytes) {
    buffer = new byte[Math.max(64, expectedBytes + HEADER_BYTES)];
    buffer[0] = VERSION;
    putLong(1, ingestedAtMillis);
    size = HEADER_BYTES;
  }

  /** Appends one event. */
  public void add(byte kind, byte[] src, int off, int len) {
    ensure(EVENT_OVERHEAD + len);
    buffer[size] = kind;
    putInt(size + 1, len);
    System.arraycopy(src, off, buffer, size + EVENT_OVERHEAD, len);
    size += EVENT_OVERHEAD + len;
    count++;
  }

  /** Appends one event under a document id; {@code kind} is one with an id. */
  public void addWithId(byte kind, byte[] id, byte[] src, int off, int len) {
    int total = DocumentIds.size(id, len);
    ensure(EVENT_OVERHEAD + total);
    buffer[size] = kind;
    putInt(size + 1, total);
    int at = size + EVENT_OVERHEAD;
    buffer[at] = (byte) (id.length >>> 8);
    buffer[at + 1] = (byte) id.length;
    System.arraycopy(id, 0, buffer, at + 2, id.length);
    System.arraycopy(src, off, buffer, at + 2 + id.length, len);
    size += EVENT_OVERHEAD + total;
    count++;
  }

  /** Bytes the record value would have now. */
  public int sizeInBytes() {
    return size;
  }

  /** Events added so far. */
  public int count() {
    return count;
  }

  /** The record value; the writer must not be used afterwards. */
  public byte[] finish() {
    putInt(9, count);
    return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
  }

  private void ensure(int extra) {
    if (size + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }
  }

  private void putInt(int at, int v) {
    buffer[at] = (byte) (v >>> 24);
    buffer[at + 1] = (byte) (v >>> 16);
    buffer[at + 2] = (byte) (v >>> 8);
    buffer[at + 3] = (byte) v;
  }

  private void putLong(int at, long v) {
    putInt(at, (int) (v >>> 32));
    putInt(at + 4, (int) v);
  }
}
