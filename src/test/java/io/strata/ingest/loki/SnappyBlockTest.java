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
        .isInstanceOf(SnappyBlock.SnappyException.class).hasMessageContaining("exceeds");
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
