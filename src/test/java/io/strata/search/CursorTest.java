package io.strata.search;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.strata.infra.http.ProblemException;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource({
    "1714557600123, 42",
    "0, 0",
    "-86400000, 7",
    "9223372036854775807, 9223372036854775807",
    "-9223372036854775808, -9223372036854775808",
  })
  void roundTripsThroughItsEncoding(long timestampMillis, long seq) {
    Cursor cursor = new Cursor(timestampMillis, seq);

    String encoded = cursor.encode();

    assertThat(Cursor.decode(encoded)).isEqualTo(cursor);
    assertThat(encoded).matches("[A-Za-z0-9_-]+");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"1714557600123, 42", "1714557600123, 43", "1714557600124, 42"})
  void encodesDifferentPositionsDifferently(long timestampMillis, long seq) {
    assertThat(new Cursor(timestampMillis, seq).encode())
        .isNotEqualTo(new Cursor(1714557600000L, 1).encode());
  }

  private static String base64(String plain) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(UTF_8));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "garbage!", "%%%", "djE6MTox===", "not a cursor"})
  void refusesGarbageWithA400Problem(String text) {
    assertInvalid(text);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v2:1:2", "v1:1", "v1:1:2:3", "v1:abc:2", "v1:1:2.5", "1:2",
      "v1:99999999999999999999:1", "V1:1:2"})
  void refusesWellEncodedTextThatIsNotACursor(String plain) {
    assertInvalid(base64(plain));
  }

  private static void assertInvalid(String text) {
    ProblemException e = catchThrowableOfType(ProblemException.class, () -> Cursor.decode(text));

    assertThat(e).as(text).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.type()).isEqualTo("invalid-cursor");
    assertThat(e.extensions()).containsEntry("parameter", "cursor");
  }
}
