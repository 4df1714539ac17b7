package io.strata.pipeline;

import java.nio.charset.StandardCharsets;

/**
 * The layout of an event that carries a document id ({@link EventNormalizer#hasId}): the id's
 * length (2 bytes, big-endian), the id in UTF-8, then the event exactly as sent (a JSON object or a
 * line of text). The Elasticsearch bulk API sends such ids (`_id`), and Strata gives them to the
 * events of a native request with an {@code Idempotency-Key}; the indexer replaces an event of the
 * same id in the same index instead of adding a second one, so that a retry does not store an
 * event twice.
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

  /** Where the event itself (after its id) at {@code off} starts. */
  public static int eventOffset(byte[] buf, int off) {
    return off + 2 + idLength(buf, off);
  }

  /** The id of the event at {@code off}. */
  public static String id(byte[] buf, int off) {
    return new String(buf, off + 2, idLength(buf, off), StandardCharsets.UTF_8);
  }
}
