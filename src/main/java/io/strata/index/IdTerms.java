package io.strata.index;

import io.strata.pipeline.EventFields;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import org.apache.lucene.util.BytesRef;

/**
 * The indexed form of correlation ids ({@code trace_id}, {@code span_id}, {@code request_id}): hex
 * ids and UUIDs as their bytes, anything else as its text.
 *
 * <p>Random ids are the costliest terms of a log index: nearly every event brings new ones, and
 * writing and sorting them dominates segment flushes. Their bytes are half the length of their hex
 * text. A hex id matches whatever the case of its letters.
 */
public final class IdTerms {

  /** The fields whose values are ids. */
  public static final Set<String> FIELDS =
      Set.of(EventFields.TRACE_ID, EventFields.SPAN_ID, EventFields.REQUEST_ID);

  private static final byte HEX = 1;
  private static final byte UUID = 2;
  private static final byte ESCAPED_TEXT = 0;
  private static final HexFormat LOWER = HexFormat.of();

  private IdTerms() {}

  /** The term under which {@code id} is indexed and looked up. */
  public static BytesRef encode(String id) {
    int length = id.length();
    if (length >= 8 && length <= 128 && length % 2 == 0 && isHex(id, 0, length)) {
      byte[] term = new byte[1 + length / 2];
      term[0] = HEX;
      hexToBytes(id, 0, length, term, 1);
      return new BytesRef(term);
    }
    if (isUuid(id)) {
      byte[] term = new byte[17];
      term[0] = UUID;
      int at = 1;
      for (int[] group : new int[][] {{0, 8}, {9, 13}, {14, 18}, {19, 23}, {24, 36}}) {
        at = hexToBytes(id, group[0], group[1], term, at);
      }
      return new BytesRef(term);
    }
    byte[] text = id.getBytes(StandardCharsets.UTF_8);
    if (text.length > 0 && text[0] <= UUID) {
      // Text that starts with a marker byte gets one more in front, so it never reads as an id.
      byte[] escaped = new byte[text.length + 1];
      escaped[0] = ESCAPED_TEXT;
      System.arraycopy(text, 0, escaped, 1, text.length);
      return new BytesRef(escaped);
    }
    return new BytesRef(text);
  }

  /**
   * The terms that start every id beginning with {@code prefix}, or null when the prefix cannot be
   * matched on bytes (an odd number of hex digits): then only ids kept as text match it.
   */
  public static BytesRef[] encodePrefix(String prefix) {
    int length = prefix.length();
    if (length == 0 || length % 2 != 0 || !isHex(prefix, 0, length)) {
      return null;
    }
    byte[] hex = new byte[1 + length / 2];
    hex[0] = HEX;
    hexToBytes(prefix, 0, length, hex, 1);
    BytesRef[] prefixes = {new BytesRef(hex), null};
    if (length <= 8) {
      byte[] uuid = hex.clone();
      uuid[0] = UUID;
      prefixes[1] = new BytesRef(uuid);
    }
    return prefixes;
  }

  /** The id as users see it: lowercase hex, canonical UUID, or the text. */
  public static String decode(BytesRef term) {
    if (term.length > 0 && term.bytes[term.offset] == HEX) {
      return LOWER.formatHex(term.bytes, term.offset + 1, term.offset + term.length);
    }
    if (term.length == 17 && term.bytes[term.offset] == UUID) {
      String hex = LOWER.formatHex(term.bytes, term.offset + 1, term.offset + 17);
      return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
          + hex.substring(16, 20) + "-" + hex.substring(20);
    }
    int skip = term.length > 0 && term.bytes[term.offset] == ESCAPED_TEXT ? 1 : 0;
    return new String(term.bytes, term.offset + skip, term.length - skip, StandardCharsets.UTF_8);
  }

  private static boolean isUuid(String id) {
    if (id.length() != 36 || id.charAt(8) != '-' || id.charAt(13) != '-' || id.charAt(18) != '-'
        || id.charAt(23) != '-') {
      return false;
    }
    return isHex(id, 0, 8) && isHex(id, 9, 13) && isHex(id, 14, 18) && isHex(id, 19, 23)
        && isHex(id, 24, 36);
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static int hexToBytes(String s, int from, int to, byte[] out, int at) {
    for (int i = from; i < to; i += 2) {
      out[at++] = (byte) ((Character.digit(s.charAt(i), 16) << 4) | Character.digit(s.charAt(i + 1), 16));
    }
    return at;
  }
}
