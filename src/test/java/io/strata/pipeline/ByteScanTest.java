package io.strata.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scan finds exactly what a byte-by-byte loop finds. */
class ByteScanTest {

  @Test
  void findsTheFirstOccurrenceAtEveryAlignmentAndBound() {
    Random random = new Random(3);
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        // Few distinct values, including 0x80 and 0xff, so matches and near-misses are frequent.
        bytes[i] = (byte) new int[] {'\n', 'a', 0, 0x80, 0xff, 0x0b, 0x09}[random.nextInt(7)];
      }
      byte b = (byte) new int[] {'\n', 0, 0x80, 0xff}[random.nextInt(4)];
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
      int to = from + random.nextInt(bytes.length - from + 1);
      assertEquals(naive(bytes, b, from, to), ByteScan.indexOf(bytes, b, from, to));
    }
  }

  @Test
  void answersTheEndWhenTheByteIsAbsent() {
    byte[] bytes = "no newline in this line at all".getBytes();
    assertEquals(bytes.length, ByteScan.indexOf(bytes, (byte) '\n', 0, bytes.length));
    assertEquals(5, ByteScan.indexOf(bytes, (byte) '\n', 2, 5));
  }

  private static int naive(byte[] bytes, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return to;
  }
}
