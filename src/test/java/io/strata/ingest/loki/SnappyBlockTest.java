package io.strata.ingest.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class SnappyBlockTest {

  static byte[] resource(String path) throws IOException {
    try (InputStream in = SnappyBlockTest.class.getResourceAsStream("/captures/" + path)) {
      assertThat(in).as(path).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void decodesWhatLoki4jAndWinstonSent() throws Exception {
    for (String capture : new String[] {"loki4j-protobuf", "winston-loki-protobuf"}) {
      byte[] body = resource(capture + "/001-POST-loki_api_v1_push.body");
      byte[] expected = resource(capture + "/001-POST-loki_api_v1_push.unsnappied.pb");
      assertThat(SnappyBlock.decode(body, 0, body.length, 1 << 20)).isEqualTo(expected);
    }
  }

  @Test
  void decodesWhatTheReferenceImplementationCompresses() throws Exception {
    Random random = new Random(42);
    for (int size : new int[] {0, 1, 59, 60, 61, 255, 256, 65_535, 65_536, 70_000, 1 << 20}) {
      byte[] data = new byte[size];
      for (int i = 0; i < size; i++) {
        // Mostly repetitive text with some noise: exercises literals and every copy kind.
        data[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256)
            : (byte) "the quick brown fox jumps over the lazy dog ".charAt(i % 44);
      }
      byte[] compressed = Snappy.compress(data);
      assertThat(SnappyBlock.decode(compressed, 0, compressed.length, size))
          .as("size %d", size).isEqualTo(data);
    }
  }

  @Test
  void refusesALargerDeclaredLengthBeforeAllocating() throws Exception {
    byte[] compressed = Snappy.compress("x".repeat(10_000).getBytes(StandardCharsets.UTF_8));
    assertThat(SnappyBlock.declaredLength(compressed, 0, compressed.length)).isEqualTo(10_000);
    assertThatThrownBy(() -> SnappyBlock.decode(compressed, 0, compressed.length, 9_999))
        .isInstanceOf(SnappyBlock.TooLargeException.class).hasMessageContaining("exceeds");
  }

  /** The probe's first body: a literal whose 4-byte length is 0x7fffffff (+1 overflowed an int). */
  @Test
  void aLiteralLengthNearTheIntLimitIsAFormatErrorNotAnOverflow() {
    for (long length : new long[] {0x7fff_fffeL, 0x7fff_ffffL, 0xffff_fffeL, 0xffff_ffffL}) {
      byte[] body = {10, (byte) 0xfc, (byte) length, (byte) (length >>> 8),
          (byte) (length >>> 16), (byte) (length >>> 24), 'a', 'b', 'c'};
      assertThatThrownBy(() -> SnappyBlock.decode(body, 0, body.length, 1 << 20))
          .as("literal length %x", length + 1)
          .isExactlyInstanceOf(SnappyBlock.SnappyException.class)
          .hasMessageContaining("literal");
    }
  }

  /** The probe's second body: 7 bytes declaring 32 MiB, which 3 bytes of elements cannot make. */
  @Test
  void aDeclaredLengthTheBlockCannotExpandToIsRefusedWithoutAllocatingIt() {
    byte[] body = {(byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10, 0x00, 'a', 0x00};
    assertThat(catchDeclared(body)).isEqualTo(32L << 20);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> SnappyBlock.decode(body, 0, body.length, 32L << 20))
        .isExactlyInstanceOf(SnappyBlock.SnappyException.class)
        .hasMessageContaining("more than the 3 bytes of the block can decode to");
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1 << 20);
  }

  private static long catchDeclared(byte[] body) {
    try {
      return SnappyBlock.declaredLength(body, 0, body.length);
    } catch (SnappyBlock.SnappyException e) {
      throw new AssertionError(e);
    }
  }

  /** The bound on the declared length must not refuse the densest valid blocks. */
  @Test
  void theExpansionBoundHoldsForTheDensestBlocks() throws Exception {
    // By hand: one literal byte, then copies of 64 bytes with a 2-byte offset (3 bytes each), the
    // largest ratio the format has.
    int copies = 10_000;
    byte[] block = new byte[3 + 2 + 3 * copies];
    long declared = 1 + 64L * copies;
    int p = 0;
    block[p++] = (byte) (0x80 | (declared & 0x7f));
    block[p++] = (byte) (0x80 | ((declared >>> 7) & 0x7f));
    block[p++] = (byte) (declared >>> 14);
    block[p++] = 0x00;
    block[p++] = 'z';
    for (int i = 0; i < copies; i++) {
      block[p++] = (byte) (63 << 2 | 2);
      block[p++] = 1;
      block[p++] = 0;
    }
    byte[] out = SnappyBlock.decode(block, 0, block.length, 1 << 30);
    assertThat(out).hasSize((int) declared).containsOnly((byte) 'z');
    // What the reference encoder makes of long runs.
    for (int size : new int[] {64, 1000, 1 << 20, 8 << 20}) {
      byte[] zeros = new byte[size];
      byte[] compressed = Snappy.compress(zeros);
      assertThat(SnappyBlock.decode(compressed, 0, compressed.length, size)).isEqualTo(zeros);
    }
  }

  /**
   * Differential against snappy-java (the reference C++ implementation over JNI): whatever it
   * compresses decodes to the same bytes, and corrupted blocks either fail with the decoder's own
   * exception (never an IndexOutOfBounds, NegativeArraySize or OutOfMemory) or decode to what the
   * reference decodes them to.
   */
  @Test
  void agreesWithTheReferenceImplementationOnRandomAndCorruptedBlocks() throws Exception {
    Random random = new Random(20_260_127);
    int agreedFailures = 0;
    for (int round = 0; round < 3000; round++) {
      byte[] data = randomData(random, random.nextInt(round % 100 == 0 ? 200_000 : 3000));
      byte[] compressed = Snappy.compress(data);
      assertThat(SnappyBlock.decode(compressed, 0, compressed.length, data.length))
          .as("round %d", round).isEqualTo(data);
      byte[] corrupted = corrupt(random, compressed);
      byte[] ours;
      try {
        ours = SnappyBlock.decode(corrupted, 0, corrupted.length, 1 << 24);
      } catch (SnappyBlock.SnappyException e) {
        ours = null;
      } catch (RuntimeException | Error e) {
        throw new AssertionError("round " + round + ": " + e, e);
      }
      byte[] reference = referenceDecode(corrupted);
      if (ours != null && reference != null) {
        assertThat(ours).as("round %d", round).isEqualTo(reference);
      } else if (ours == null && reference == null) {
        agreedFailures++;
      } else {
        throw new AssertionError("round " + round + ": ours " + (ours == null ? "failed" : "decoded")
            + ", the reference " + (reference == null ? "failed" : "decoded"));
      }
    }
    assertThat(agreedFailures).as("corruptions that both refuse").isGreaterThan(1000);
    for (int round = 0; round < 20_000; round++) {
      byte[] noise = new byte[random.nextInt(64)];
      random.nextBytes(noise);
      try {
        SnappyBlock.decode(noise, 0, noise.length, 1 << 24);
      } catch (SnappyBlock.SnappyException expected) {
        // The only way a block may fail.
      }
    }
  }

  private static byte[] randomData(Random random, int size) {
    byte[] data = new byte[size];
    switch (random.nextInt(4)) {
      case 0 -> random.nextBytes(data);
      case 1 -> { } // zeros: the longest copies
      case 2 -> {
        for (int i = 0; i < size; i++) {
          data[i] = (byte) "GET /api/v1/search?q=level:ERROR 200 ".charAt(i % 37);
        }
      }
      default -> {
        for (int i = 0; i < size; i++) {
          data[i] = random.nextInt(6) == 0 ? (byte) random.nextInt(256) : (byte) ('a' + i % 7);
        }
      }
    }
    return data;
  }

  private static byte[] corrupt(Random random, byte[] block) {
    byte[] out = block.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        for (int i = 1 + random.nextInt(3); i > 0 && out.length > 0; i--) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
      }
      case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length + 1));
      case 2 -> {
        if (out.length > 0) {
          // A tag byte made into the longest literal or copy header.
          out[random.nextInt(out.length)] = (byte) new int[] {0xfc, 0xf0, 0xfe, 0xff, 0x01}[
              random.nextInt(5)];
        }
      }
      default -> {
        if (out.length > 0) {
          out[0] = (byte) random.nextInt(256); // the preamble
        }
      }
    }
    return out;
  }

  /** snappy-java's answer, or null when it refuses; declared lengths it would allocate are skipped. */
  private static byte[] referenceDecode(byte[] block) {
    try {
      if (!Snappy.isValidCompressedBuffer(block)) {
        return null;
      }
      return Snappy.uncompress(block);
    } catch (IOException e) {
      return null;
    }
  }

  @Test
  void refusesCorruptBlocks() throws Exception {
    byte[] valid = Snappy.compress("hello hello hello hello hello".getBytes(StandardCharsets.UTF_8));
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 3);
    assertThatThrownBy(() -> SnappyBlock.decode(truncated, 0, truncated.length, 1 << 20))
        .isInstanceOf(SnappyBlock.SnappyException.class);
    byte[] badOffset = {10, 0x00, 'a', 0x15, 0x09}; // copy from 9 bytes back after 1 byte written
    assertThatThrownBy(() -> SnappyBlock.decode(badOffset, 0, badOffset.length, 1 << 20))
        .isInstanceOf(SnappyBlock.SnappyException.class).hasMessageContaining("offset");
    byte[] json = "{\"streams\":[]}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SnappyBlock.decode(json, 0, json.length, 1 << 20))
        .isInstanceOf(SnappyBlock.SnappyException.class);
    assertThatThrownBy(() -> SnappyBlock.decode(new byte[0], 0, 0, 1 << 20))
        .isInstanceOf(SnappyBlock.SnappyException.class);
  }
}
