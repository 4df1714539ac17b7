package io.strata.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small reader of the protobuf wire format over the fields of one message in {@code
 * buf[pos..end)}, for the protocols whose requests are protobuf (Loki push, OTLP) without generated
 * code or the protobuf runtime.
 *
 * <p>Caution: a nested message is a view of the same array; the bytes must not change while it is
 * read.
 */
public final class ProtobufReader {

  public static final int VARINT = 0;
  public static final int FIXED64 = 1;
  public static final int LEN = 2;
  public static final int FIXED32 = 5;

  /** A malformed message. */
  public static final class ProtobufException extends Exception {
    public ProtobufException(String message) {
      super(message);
    }
  }

  private final byte[] buf;
  private int pos;
  private final int end;

  /** Reads the message in {@code buf[pos..end)}. */
  public ProtobufReader(byte[] buf, int pos, int end) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  public boolean hasMore() {
    return pos < end;
  }

  /** The next field's tag: its number shifted left by 3, or'ed with its wire type. */
  public int tag() throws ProtobufException {
    long tag = varint();
    if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
      throw new ProtobufException("invalid field tag " + tag + " at byte " + pos);
    }
    return (int) tag;
  }

  public long varint() throws ProtobufException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new ProtobufException("truncated varint");
      }
      byte b = buf[pos++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new ProtobufException("varint longer than 10 bytes");
  }

  /** A little-endian 64-bit value ({@code fixed64}, {@code sfixed64} or the bits of a double). */
  public long fixed64() throws ProtobufException {
    if (end - pos < 8) {
      throw new ProtobufException("truncated fixed64");
    }
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = value << 8 | (buf[pos + i] & 0xff);
    }
    pos += 8;
    return value;
  }

  /** A length-delimited field read as a message of its own. */
  public ProtobufReader message() throws ProtobufException {
    int length = length();
    ProtobufReader inner = new ProtobufReader(buf, pos, pos + length);
    pos += length;
    return inner;
  }

  public String string() throws ProtobufException {
    int length = length();
    String s = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return s;
  }

  public byte[] bytes() throws ProtobufException {
    int length = length();
    byte[] bytes = Arrays.copyOfRange(buf, pos, pos + length);
    pos += length;
    return bytes;
  }

  /** Skips the value of a field of the given wire type (an unknown or unwanted field). */
  public void skip(int wireType) throws ProtobufException {
    switch (wireType) {
      case VARINT -> varint();
      case FIXED64 -> advance(8);
      case LEN -> advance(length());
      case FIXED32 -> advance(4);
      default -> throw new ProtobufException("unsupported wire type " + wireType);
    }
  }

  private int length() throws ProtobufException {
    long length = varint();
    if (length < 0 || length > end - pos) {
      throw new ProtobufException("length " + length + " runs past the end of the message");
    }
    return (int) length;
  }

  private void advance(int n) throws ProtobufException {
    if (n > end - pos) {
      throw new ProtobufException("truncated field");
    }
    pos += n;
  }
}
