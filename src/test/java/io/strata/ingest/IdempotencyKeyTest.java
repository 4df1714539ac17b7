package io.strata.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.infra.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

  @Test
  void aKeyIsOneTo255PrintableAsciiCharacters() {
    assertThat(new IdempotencyKey("a").value()).isEqualTo("a");
    assertThat(new IdempotencyKey(UUID.randomUUID().toString()).value()).hasSize(36);
    assertThat(new IdempotencyKey("batch 2026-12-06T12:00:00Z #7 ~!\"{}").value()).contains(" ");
    assertThat(new IdempotencyKey("k".repeat(255)).value()).hasSize(255);
  }

  @Test
  void anythingElseIsA400NamingTheHeader() {
    for (String bad : new String[] {"", "k".repeat(256), "tab\there", "new\nline", "caf\u00e9",
        "nul\u0000", "del\u007f", "\u2603"}) {
      assertThatThrownBy(() -> new IdempotencyKey(bad)).as(bad)
          .isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.type()).isEqualTo("invalid-idempotency-key");
            assertThat(e.getMessage()).contains("Idempotency-Key");
          });
    }
    assertThatThrownBy(() -> new IdempotencyKey(null)).isInstanceOf(ProblemException.class);
  }

  @Test
  void theHashCoversTheBodyReadAndHowItWasRead() {
    byte[] body = "{\"message\":\"a\"}\n".getBytes(StandardCharsets.UTF_8);
    String hash = IdempotencyKey.requestHash(false, body, body.length);
    assertThat(hash).hasSize(64).matches("[0-9a-f]+");
    assertThat(IdempotencyKey.requestHash(false, body.clone(), body.length)).isEqualTo(hash);
    assertThat(IdempotencyKey.requestHash(true, body, body.length)).isNotEqualTo(hash);
    assertThat(IdempotencyKey.requestHash(false, body, body.length - 1)).isNotEqualTo(hash);
    byte[] other = "{\"message\":\"b\"}\n".getBytes(StandardCharsets.UTF_8);
    assertThat(IdempotencyKey.requestHash(false, other, other.length)).isNotEqualTo(hash);
  }

  @Test
  void onlyTheBytesReadCount() {
    // BodyReader's buffer is larger than the body: what lies beyond its length is not the request.
    byte[] buffer = "line\ngarbage".getBytes(StandardCharsets.US_ASCII);
    byte[] exact = "line\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(IdempotencyKey.requestHash(false, buffer, 5))
        .isEqualTo(IdempotencyKey.requestHash(false, exact, exact.length));
  }
}
