package io.strata.ingest.otlp;

import java.util.HexFormat;
import java.util.Locale;

/**
 * Trace and span ids as OTLP carries them (bytes in protobuf, hex in JSON), turned into lowercase
 * hex. An id of the wrong length or all zeroes is invalid, and OTLP says to treat the record as not
 * associated with a trace or span: such an id becomes {@code null}.
 */
final class OtlpIds {

  static final int TRACE_ID_BYTES = 16;
  static final int SPAN_ID_BYTES = 8;

  private static final HexFormat HEX = HexFormat.of();

  private OtlpIds() {}

  /** The id in lowercase hex, or null when it is not {@code length} bytes or all zeroes. */
  static String fromBytes(byte[] id, int length) {
    if (id.length != length) {
      return null;
    }
    for (byte b : id) {
      if (b != 0) {
        return HEX.formatHex(id);
      }
    }
    return null;
  }

  /** The id in lowercase hex, or null when it is not {@code 2 * length} hex digits or all zeroes. */
  static String fromHex(String id, int length) {
    if (id.length() != 2 * length) {
      return null;
    }
    boolean zero = true;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean hex = c >= '0' && c <= '9' || (c | 0x20) >= 'a' && (c | 0x20) <= 'f';
      if (!hex) {
        return null;
      }
      zero &= c == '0';
    }
    return zero ? null : id.toLowerCase(Locale.ROOT);
  }
}
