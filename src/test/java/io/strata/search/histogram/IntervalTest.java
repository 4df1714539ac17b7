package io.strata.search.histogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.infra.http.ProblemException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalTest {

  private static final long NOW = Instant.parse("2026-11-27T10:17:23.456Z").toEpochMilli();

  @ParameterizedTest
  @CsvSource({"30s, 30000", "1m, 60000", "2h, 7200000", "1d, 86400000", "1w, 604800000"})
  void parsesUnits(String text, long millis) {
    assertThat(Interval.parse(text).millis()).isEqualTo(millis);
    assertThat(Interval.parse(text).text()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0m", "5x", "1.5h", "m", "-1m", "10 m", "1M"})
  void rejectsAnythingElse(String text) {
    assertThatThrownBy(() -> Interval.parse(text)).isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).extensions())
            .containsEntry("parameter", "interval"));
  }

  @ParameterizedTest
  @CsvSource({"900000, 10s", "3600000, 1m", "86400000, 15m", "604800000, 2h",
      "2592000000, 12h", "31536000000, 7d"})
  void automaticIntervalsMakeSixtyToOneHundredTwentyBuckets(long span, String expected) {
    Interval auto = Interval.auto(NOW - span, NOW);
    assertThat(auto.text()).isEqualTo(expected);
    assertThat(auto.buckets(NOW - span, NOW)).isBetween(50L, 120L);
  }

  @Test
  void bucketsAreAlignedToTheEpoch() {
    Interval minute = Interval.parse("1m");
    assertThat(Instant.ofEpochMilli(minute.floor(NOW))).isEqualTo("2026-11-27T10:17:00Z");
    assertThat(minute.buckets(NOW - 60_000, NOW)).isEqualTo(2);
    assertThat(minute.floor(-1)).isEqualTo(-60_000);
  }
}
