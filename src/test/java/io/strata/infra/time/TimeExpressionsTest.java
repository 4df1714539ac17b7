package io.strata.infra.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeExpressionsTest {

  private static final long NOW = Instant.parse("2024-05-01T10:30:00.250Z").toEpochMilli();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "now,           0",
    "now-15m,       -900000",
    "now-2h,        -7200000",
    "now-7d,        -604800000",
    "now-1w,        -604800000",
    "now-30s,       -30000",
    "now+5m,        300000",
    "now-0d,        0",
    "'  now-1h  ',  -3600000",
  })
  void readsNowAndRelativeTimes(String text, long offsetMillis) {
    assertThat(TimeExpressions.parse(text, NOW)).isEqualTo(NOW + offsetMillis);
  }

  @Test
  void readsTheLargestRelativeAmountWithoutOverflow() {
    assertThat(TimeExpressions.parse("now-999999999w", NOW))
        .isEqualTo(NOW - 999_999_999L * 7 * 86_400_000L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2024-05-01T10:00:00Z,             2024-05-01T10:00:00Z",
    "2024-05-01T10:00:00,              2024-05-01T10:00:00Z",
    "2024-05-01 10:00:00,              2024-05-01T10:00:00Z",
    "2024-05-01T12:00:00+02:00,        2024-05-01T10:00:00Z",
    "2024-05-01T10:00:00.123Z,         2024-05-01T10:00:00.123Z",
    "2024-05-01T10:00:00.999999999Z,   2024-05-01T10:00:00.999Z",
    "1969-12-31T23:59:59.9995Z,        1969-12-31T23:59:59.999Z",
    "1714557600000,                    2024-05-01T10:00:00Z",
    "1714557600,                       2024-05-01T10:00:00Z",
  })
  void readsAbsoluteTimesTruncatingToMillis(String text, String expected) {
    assertThat(TimeExpressions.parse(text, NOW)).isEqualTo(Instant.parse(expected).toEpochMilli());
  }

  @Test
  void doesNotDependOnNowForAbsoluteTimes() {
    assertThat(TimeExpressions.parse("2024-05-01T10:00:00Z", 0))
        .isEqualTo(TimeExpressions.parse("2024-05-01T10:00:00Z", NOW));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "  ", "yesterday", "NOW", "now-1y", "now-", "now-h", "now - 1h",
      "now-1234567890s", "2024-13-01T00:00:00Z", "2024-05-01T10:00:00+25:00", "12:00"})
  void refusesAnythingElseNamingTheInput(String text) {
    assertThatThrownBy(() -> TimeExpressions.parse(text, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + text + "' is not a time");
  }
}
