package io.strata.index;

import io.strata.pipeline.EventFields;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

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
  /** The value of each ASCII hex digit, either case; -256 for every other character. */
  private static final int[] NIBBLES = new int[128];

  static {
    java.util.Arrays.fill(NIBBLES, -256);
    for (int c = '0'; c <= '9'; c++) {
      NIBBLES[c] = c - '0';
    }
    for (int c = 'a'; c <= 'f'; c++) {
      NIBBLES[c] = c - 'a' + 10;
      NIBBLES[c - 'a' + 'A'] = c - 'a' + 10;
    }
  }

  private IdTerms() {}

  /** The term under which {@code id} is indexed and looked up. */
  public static BytesRef encode(String id) {
    BytesRefBuilder term = new BytesRefBuilder();
    encode(id, term);
    return term.get();
  }

  /**
   * Writes the term of {@code id} into {@code term}, in place of what it held: the indexer's way,
   * into a buffer it reuses for every event.
   */
  public static void encode(String id, BytesRefBuilder term) {
    int length = id.length();
    if (length >= 8 && length <= 128 && length % 2 == 0) {
      term.grow(1 + length / 2);
      byte[] bytes = term.bytes();
      bytes[0] = HEX;
      if (hexToBytes(id, 0, length, bytes, 1) > 0) {
        term.setLength(1 + length / 2);
        return;
      }
    }
    if (length == 36 && id.charAt(8) == '-' && id.charAt(13) == '-' && id.charAt(18) == '-'
        && id.charAt(23) == '-') {
      term.grow(17);
      byte[] bytes = term.bytes();
      bytes[0] = UUID;
      if (hexToBytes(id, 0, 8, bytes, 1) > 0 && hexToBytes(id, 9, 13, bytes, 5) > 0
          && hexToBytes(id, 14, 18, bytes, 7) > 0 && hexToBytes(id, 19, 23, bytes, 9) > 0
          && hexToBytes(id, 24, 36, bytes, 11) > 0) {
        term.setLength(17);
        return;
      }
    }
    term.copyChars(id);
    if (term.length() > 0 && term.byteAt(0) <= UUID) {
      // Text that starts with a marker byte gets one more in front, so it never reads as an id.
      int textLength = term.length();
      term.grow(textLength + 1);
      byte[] bytes = term.bytes();
      System.arraycopy(bytes, 0, bytes, 1, textLength);
      bytes[0] = ESCAPED_TEXT;
      term.setLength(textLength + 1);
    }
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

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 128 || NIBBLES[c] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes the hex digits {@code s[from, to)} (an even number) into {@code out} from {@code at};
   * the index after the last byte written, or -1 at the first character that is not a hex digit.
   * Checking and decoding in one pass: ids are checked on every event indexed.
   */
  private static int hexToBytes(String s, int from, int to, byte[] out, int at) {
    for (int i = from; i < to; i += 2) {
      char high = s.charAt(i);
      char low = s.charAt(i + 1);
      if ((high | low) >= 128) {
        return -1;
      }
      int value = NIBBLES[high] << 4 | NIBBLES[low];
      if (value < 0) {
        return -1;
      }
      out[at++] = (byte) value;
    }
    return at;
  }
}
