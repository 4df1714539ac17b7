package io.strata.ingest.loki;

import java.util.Objects;

/**
 * Decodes the Snappy block format (the raw format without stream framing), as Loki, Promtail,
 * Alloy and the Loki client libraries compress protobuf push requests.
 *
 * <p>Pure Java with bounds checks on every read and copy: a corrupt or hostile block fails with
 * {@link SnappyException} and can never write past the declared length. Every length and offset
 * is read and compared as a {@code long}, so no value in the block can overflow a check. (aircompressor
 * 2.x would need {@code sun.misc.Unsafe}, which Java 25 warns about and is removing; snappy-java is
 * JNI.)
 *
 * <p>Nothing is allocated for a declared length that the block cannot expand to: see {@link
 * #maxExpansion(int)}.
 */
final class SnappyBlock {

  /** A block that is not valid Snappy data. */
  static class SnappyException extends Exception {
    SnappyException(String message) {
      super(message);
    }
  }

  /** A block that may be valid but declares more than the caller's limit. */
  static final class TooLargeException extends SnappyException {
    TooLargeException(String message) {
      super(message);
    }
  }

  /** The preamble is a varint of at most 32 bits. */
  private static final long MAX_DECLARED = 0xffff_ffffL;

  private SnappyBlock() {}

  /** The uncompressed length the block declares in its preamble. */
  static long declaredLength(byte[] in, int off, int len) throws SnappyException {
    return preamble(in, off, len)[0];
  }

  /**
   * The most bytes {@code elementBytes} bytes of Snappy elements (the block after its preamble) can
   * decode to. Per input byte, the element kinds give at most:
   *
   * <ul>
   *   <li>a literal: its tag (and 0–4 length bytes) plus the n bytes it copies, so at most n out of
   *       n + 1 in (below 1:1);
   *   <li>a copy with a 1-byte offset: 2 bytes in, at most 11 out (5.5:1);
   *   <li>a copy with a 2-byte offset: 3 bytes in, at most 64 out (21.3:1) — the largest ratio;
   *   <li>a copy with a 4-byte offset: 5 bytes in, at most 64 out (12.8:1).
   * </ul>
   *
   * So no valid block decodes to more than {@code elementBytes * 64 / 3} bytes, and a preamble that
   * declares more is a lie told before any output exists (a 7-byte body declaring 32 MiB).
   */
  static long maxExpansion(int elementBytes) {
    return (long) elementBytes * 64 / 3;
  }

  /**
   * Decodes the block. The declared uncompressed length is checked against what the block can
   * expand to ({@link #maxExpansion}; more is malformed) and then against {@code maxLength} ({@link
   * TooLargeException}) before the output is allocated.
   */
  static byte[] decode(byte[] in, int off, int len, long maxLength) throws SnappyException {
    Objects.checkFromIndexSize(off, len, in.length);
    long[] preamble = preamble(in, off, len);
    long declared = preamble[0];
    int pos = off + (int) preamble[1];
    int end = off + len;
    if (declared > maxExpansion(end - pos)) {
      throw new SnappyException("declared length " + declared + " is more than the "
          + (end - pos) + " bytes of the block can decode to");
    }
    // The largest array a JVM makes, whatever the configured limit.
    long limit = Math.min(maxLength, Integer.MAX_VALUE - 8);
    if (declared > limit) {
      throw new TooLargeException("declared length " + declared + " exceeds " + limit);
    }
    byte[] out = new byte[(int) declared];
    int o = 0;
    while (pos < end) {
      int tag = in[pos++] & 0xff;
      int type = tag & 3;
      if (type == 0) {
        long length = tag >>> 2;
        if (length >= 60) {
          int bytes = (int) length - 59;
          if (bytes > end - pos) {
            throw new SnappyException("truncated literal length");
          }
          length = 0;
          for (int i = 0; i < bytes; i++) {
            length |= (long) (in[pos++] & 0xff) << (8 * i);
          }
        }
        length++;
        if (length > end - pos) {
          throw new SnappyException("literal of " + length + " bytes runs past the input");
        }
        if (length > out.length - o) {
          throw new SnappyException("literal of " + length + " bytes runs past the declared length");
        }
        System.arraycopy(in, pos, out, o, (int) length);
        pos += (int) length;
        o += (int) length;
        continue;
      }
      int length;
      long offset;
      if (type == 1) {
        if (pos >= end) {
          throw new SnappyException("truncated copy");
        }
        length = 4 + ((tag >>> 2) & 7);
        offset = ((tag >>> 5) << 8) | (in[pos++] & 0xff);
      } else if (type == 2) {
        if (2 > end - pos) {
          throw new SnappyException("truncated copy");
        }
        length = 1 + (tag >>> 2);
        offset = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8;
        pos += 2;
      } else {
        if (4 > end - pos) {
          throw new SnappyException("truncated copy");
        }
        length = 1 + (tag >>> 2);
        offset = (in[pos] & 0xffL) | (in[pos + 1] & 0xffL) << 8 | (in[pos + 2] & 0xffL) << 16
            | (in[pos + 3] & 0xffL) << 24;
        pos += 4;
      }
      if (offset == 0 || offset > o) {
        throw new SnappyException("copy offset " + offset + " outside the output at " + o);
      }
      if (length > out.length - o) {
        throw new SnappyException("copy runs past the declared length");
      }
      int from = o - (int) offset;
      if (offset >= length) {
        System.arraycopy(out, from, out, o, length);
        o += length;
      } else {
        // Overlapping copy: a run repeating the last `offset` bytes.
        for (int i = 0; i < length; i++) {
          out[o++] = out[from + i];
        }
      }
    }
    if (o != out.length) {
      throw new SnappyException("decoded " + o + " bytes, the block declared " + out.length);
    }
    return out;
  }

  /** The declared length and the number of bytes of its varint. */
  private static long[] preamble(byte[] in, int off, int len) throws SnappyException {
    long value = 0;
    for (int shift = 0, i = off; shift <= 28; shift += 7, i++) {
      if (i >= off + len) {
        throw new SnappyException("truncated length preamble");
      }
      int b = in[i] & 0xff;
      value |= (long) (b & 0x7f) << shift;
      if (b < 0x80) {
        if (value > MAX_DECLARED) {
          throw new SnappyException("declared length " + value + " is over 32 bits");
        }
        return new long[] {value, i - off + 1};
      }
    }
    throw new SnappyException("length preamble is longer than 5 bytes");
  }
}
