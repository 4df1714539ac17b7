package io.strata.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.infra.http.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + i % 26);
    }
    return b;
  }

  /** A stream that hands out at most {@code step} bytes a read, as a network body does. */
  private static InputStream trickle(byte[] body, int step) {
    return new ByteArrayInputStream(body) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  private static byte[] read(byte[] body, String encoding, Long contentLength, long limit) {
    BodyReader.Body read = BodyReader.read(trickle(body, 7_000), encoding, contentLength, limit);
    return Arrays.copyOf(read.bytes(), read.length());
  }

  @Test
  void aBodyOfItsStatedLengthIsReadWhole() {
    byte[] body = bytes(300_000);
    assertThat(read(body, null, 300_000L, 1 << 20)).isEqualTo(body);
    assertThat(BodyReader.read(new ByteArrayInputStream(body), null, 300_000L, 1 << 20).bytes())
        .as("sized once: no slack, no copy").hasSize(300_000);
  }

  @Test
  void aStatedLengthThatIsWrongChangesNothingButTheBuffer() {
    byte[] body = bytes(200_001);
    assertThat(read(body, null, 10L, 1 << 20)).as("longer than stated").isEqualTo(body);
    assertThat(read(body, null, 500_000L, 1 << 20)).as("shorter than stated").isEqualTo(body);
    assertThat(read(body, null, null, 1 << 20)).as("not stated").isEqualTo(body);
    assertThat(read(new byte[0], null, 0L, 1 << 20)).isEmpty();
    assertThat(read(bytes(1), null, 0L, 1 << 20)).hasSize(1);
  }

  @Test
  void aBodyOfExactlyTheLimitPassesAndOneByteMoreIsRefused() {
    assertThat(read(bytes(65_536), null, 65_536L, 65_536)).hasSize(65_536);
    assertThat(read(bytes(65_536), null, null, 65_536)).hasSize(65_536);
    for (Long stated : new Long[] {null, 65_536L, 10L}) {
      assertThatThrownBy(() -> read(bytes(65_537), null, stated, 65_536))
          .isInstanceOf(ProblemException.class)
          .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(413));
    }
  }

  @Test
  void aCompressedBodyIsMeasuredAfterDecompression() throws IOException {
    byte[] body = "{\"message\":\"x\"}\n".repeat(20_000).getBytes(UTF_8);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(body);
    }
    byte[] sent = gz.toByteArray();
    assertThat(read(sent, "gzip", (long) sent.length, 1 << 20)).isEqualTo(body);
    assertThatThrownBy(() -> read(sent, "gzip", (long) sent.length, body.length - 1))
        .isInstanceOf(ProblemException.class);
  }
}
