package io.strata.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte in a byte array eight bytes at a time. Request bodies are split into lines before
 * anything else is done with them, and a byte-by-byte loop with an early exit, which the JIT does not
 * vectorise, cost 2% of ingest CPU on its own.
 */
public final class ByteScan {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private ByteScan() {}

  /** The first index of {@code b} in {@code bytes[from, to)}, or {@code to} when it is not there. */
  public static int indexOf(byte[] bytes, byte b, int from, int to) {
    long pattern = (b & 0xffL) * ONES;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i) ^ pattern;
      // A zero byte of word is an occurrence of b; the lowest flagged byte is always a true one.
      long found = (word - ONES) & ~word & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return to;
  }
}
