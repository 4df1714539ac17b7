package io.strata.pipeline;

/**
 * Walks the events of a record value written by {@link EventBatchWriter}, without copying them.
 */
public final class EventBatchReader {

  private final byte[] buffer;
  private final long ingestedAtMillis;
  private final int count;
  private int position = EventBatchWriter.HEADER_BYTES;
  private int index = -1;
  private byte kind;
  private int offset;
  private int length;

  /** Reads {@code value}; throws {@link IllegalArgumentException} when it is not a batch. */
  public EventBatchReader(byte[] value) {
    if (value == null || value.length < EventBatchWriter.HEADER_BYTES
        || value[0] != EventBatchWriter.VERSION) {
      throw new IllegalArgumentException("not an event batch of version " + EventBatchWriter.VERSION);
    }
    this.buffer = value;
    this.ingestedAtMillis = getLong(1);
    this.count = getInt(9);
  }

  /** When the batch was accepted, epoch millis. */
  public long ingestedAtMillis() {
    return ingestedAtMillis;
  }

  /** How many events the batch holds. */
  public int count() {
    return count;
  }

  /** Moves to the next event; false at the end. */
  public boolean next() {
    if (index + 1 >= count) {
      return false;
    }
    if (position + EventBatchWriter.EVENT_OVERHEAD > buffer.length) {
      throw new IllegalArgumentException("event batch truncated at event " + (index + 1));
    }
    kind = buffer[position];
    length = getInt(position + 1);
    offset = position + EventBatchWriter.EVENT_OVERHEAD;
    // Compared without adding, as a foreign length near Integer.MAX_VALUE would overflow the sum.
    if (length < 0 || length > buffer.length - offset) {
      throw new IllegalArgumentException("event batch truncated at event " + (index + 1));
    }
    position = offset + length;
    index++;
    return true;
  }

  /** Position of the current event in the batch, from 0. */
  public int index() {
    return index;
  }

  public byte kind() {
    return kind;
  }

  public byte[] buffer() {
    return buffer;
  }

  public int offset() {
    return offset;
  }

  public int length() {
    return length;
  }

  private int getInt(int at) {
    return ((buffer[at] & 0xff) << 24) | ((buffer[at + 1] & 0xff) << 16)
        | ((buffer[at + 2] & 0xff) << 8) | (buffer[at + 3] & 0xff);
  }

  private long getLong(int at) {
    return ((long) getInt(at) << 32) | (getInt(at + 4) & 0xffffffffL);
  }
}
