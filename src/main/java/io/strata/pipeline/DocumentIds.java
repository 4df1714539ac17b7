package io.strata.pipeline;

import java.nio.charset.StandardCharsets;

/**
 * The layout of an event that carries its sender's document id ({@link
 * EventNormalizer#KIND_JSON_WITH_ID}): the id's length (2 bytes, big-endian), the id in UTF-8, then
 * the JSON object exactly as sent. The Elasticsearch bulk API sends such ids (`_id`), and the
 * indexer replaces an event of the same id in the same index instead of adding a second one, so
 * that a shipper's retry does not store a document twice.
 */
public final class DocumentIds {

  /** The longest id, in UTF-8 bytes, as Elasticsearch allows. */
  public static final int MAX_BYTES = 512;

  private DocumentIds() {}

  /** Bytes the event with this id prefix takes. */
  public static int size(byte[] id, int jsonLength) {
    return 2 + id.length + jsonLength;
  }

  /** Writes the id prefix and the JSON into {@code out} at 0; returns the length written. */
  public static int write(byte[] id, byte[] json, int off, int len, byte[] out) {
    out[0] = (byte) (id.length >>> 8);
    out[1] = (byte) id.length;
    System.arraycopy(id, 0, out, 2, id.length);
    System.arraycopy(json, off, out, 2 + id.length, len);
    return 2 + id.length + len;
  }

  /** The length of the id at {@code off}. */
  static int idLength(byte[] buf, int off) {
    return ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
  }

  /** Where the JSON of the event at {@code off} starts. */
  public static int jsonOffset(byte[] buf, int off) {
    return off + 2 + idLength(buf, off);
  }

  /** The id of the event at {@code off}. */
  public static String id(byte[] buf, int off) {
    return new String(buf, off + 2, idLength(buf, off), StandardCharsets.UTF_8);
  }
}
