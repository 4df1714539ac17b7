package io.strata.ingest.loki;

/**
 * Decodes the Snappy block format (the raw format without stream framing), as Loki, Promtail,
 * Alloy and the Loki client libraries compress protobuf push requests.
 *
 * <p>Pure Java with bounds checks on every read and copy: a corrupt or hostile block fails with
 * {@link SnappyException} and can never write past the declared length, which the caller limits
 * before anything is allocated. (aircompressor 2.x would need {@code sun.misc.Unsafe}, which Java
 * 25 warns about and is removing; snappy-java is JNI.)
 */
final class SnappyBlock {

  /** A block that is not valid Snappy data. */
  static final class SnappyException extends Exception {
    SnappyException(String message) {
      super(message);
    }
  }

  private SnappyBlock() {}

  /** The uncompressed length the block declares in its preamble. */
  static long declaredLength(byte[] in, int off, int len) throws SnappyException {
    long value = 0;
    for (int shift = 0, i = off; shift <= 28; shift += 7, i++) {
      if (i >= off + len) {
        throw new SnappyException("truncated length preamble");
      }
      int b = in[i] & 0xff;
      value |= (long) (b & 0x7f) << shift;
      if (b < 0x80) {
        return value;
      }
    }
    throw new SnappyException("length preamble is longer than 5 bytes");
  }

  /** Decodes the block; {@code maxLength} bounds the declared uncompressed length. */
  static byte[] decode(byte[] in, int off, int len, long maxLength) throws SnappyException {
    long declared = declaredLength(in, off, len);
    if (declared > maxLength) {
      throw new SnappyException("declared length " + declared + " exceeds " + maxLength);
    }
    int pos = off;
    while ((in[pos] & 0x80) != 0) {
      pos++;
    }
    pos++;
    int end = off + len;
    byte[] out = new byte[(int) declared];
    int o = 0;
    while (pos < end) {
      int tag = in[pos++] & 0xff;
      int type = tag & 3;
      if (type == 0) {
        int length = tag >>> 2;
        if (length >= 60) {
          int bytes = length - 59;
          if (pos + bytes > end) {
            throw new SnappyException("truncated literal length");
          }
          length = 0;
          for (int i = 0; i < bytes; i++) {
            length |= (in[pos++] & 0xff) << (8 * i);
          }
          if (length < 0) {
            throw new SnappyException("literal too long");
          }
        }
        length++;
        if (length > end - pos || length > out.length - o) {
          throw new SnappyException("literal runs past the end");
        }
        System.arraycopy(in, pos, out, o, length);
        pos += length;
        o += length;
        continue;
      }
      int length;
      int offset;
      if (type == 1) {
        if (pos >= end) {
          throw new SnappyException("truncated copy");
        }
        length = 4 + ((tag >>> 2) & 7);
        offset = ((tag >>> 5) << 8) | (in[pos++] & 0xff);
      } else if (type == 2) {
        if (pos + 2 > end) {
          throw new SnappyException("truncated copy");
        }
        length = 1 + (tag >>> 2);
        offset = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8;
        pos += 2;
      } else {
        if (pos + 4 > end) {
          throw new SnappyException("truncated copy");
        }
        length = 1 + (tag >>> 2);
        offset = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8 | (in[pos + 2] & 0xff) << 16
            | (in[pos + 3] & 0xff) << 24;
        pos += 4;
      }
      if (offset <= 0 || offset > o) {
        throw new SnappyException("copy offset " + offset + " outside the output at " + o);
      }
      if (length > out.length - o) {
        throw new SnappyException("copy runs past the end");
      }
      if (offset >= length) {
        System.arraycopy(out, o - offset, out, o, length);
        o += length;
      } else {
        // Overlapping copy: a run repeating the last `offset` bytes.
        for (int i = 0; i < length; i++, o++) {
          out[o] = out[o - offset];
        }
      }
    }
    if (o != out.length) {
      throw new SnappyException("decoded " + o + " bytes, the block declared " + out.length);
    }
    return out;
  }
}
