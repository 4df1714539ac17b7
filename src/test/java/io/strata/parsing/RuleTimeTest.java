package io.strata.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.pipeline.TimestampParser;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RuleTimeTest {

  private static final long JAN_2027 = Instant.parse("2027-01-03T08:00:00Z").toEpochMilli();

  private static Instant read(String format, String text, long ingestMillis) {
    long nanos = RuleTime.of(format).read(text, ingestMillis);
    assertThat(nanos).as("%s as %s", text, format).isNotEqualTo(TimestampParser.INVALID);
    return Instant.ofEpochSecond(0, nanos);
  }

  @Test
  void automaticReadsTheCommonNotations() {
    assertThat(read(null, "2026-12-05T10:00:00.5+01:00", JAN_2027))
        .isEqualTo(Instant.parse("2026-12-05T09:00:00.5Z"));
    assertThat(read(null, "05/Dec/2026:10:00:00 +0000", JAN_2027))
        .isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));
    assertThat(read("ISO8601", "2026-12-05 10:00:00,123", JAN_2027))
        .isEqualTo(Instant.parse("2026-12-05T10:00:00.123Z"));
  }

  @Test
  void aYearlessStampIsTheMostRecentPast() {
    // Read in January: a December stamp is last year's, a January one this year's.
    assertThat(read(null, "Dec 31 23:59:59", JAN_2027))
        .isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
    assertThat(read("MMM d HH:mm:ss", "Dec 31 23:59:59", JAN_2027))
        .isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
    assertThat(read("MMM d HH:mm:ss", "Jan 2 10:00:00", JAN_2027))
        .isEqualTo(Instant.parse("2027-01-02T10:00:00Z"));
  }

  @Test
  void epochFormats() {
    assertThat(read("UNIX", "1764928800.25", JAN_2027))
        .isEqualTo(Instant.parse("2025-12-05T10:00:00.25Z"));
    assertThat(read("UNIX_MS", "1764928800250", JAN_2027))
        .isEqualTo(Instant.parse("2025-12-05T10:00:00.25Z"));
  }

  @Test
  void aPatternWithAZoneUsesIt() {
    assertThat(read("yyyy-MM-dd HH:mm:ss VV", "2026-07-01 12:00:00 Europe/Paris", JAN_2027))
        .isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
    assertThat(read("dd/MMM/yyyy:HH:mm:ss Z", "05/Dec/2026:10:00:00 -0500", JAN_2027))
        .isEqualTo(Instant.parse("2026-12-05T15:00:00Z"));
  }

  @Test
  void whatDoesNotFitIsInvalidAndABadPatternIsRefused() {
    assertThat(RuleTime.of("yyyy-MM-dd").read("05.12.2026", JAN_2027))
        .isEqualTo(TimestampParser.INVALID);
    assertThat(RuleTime.of("UNIX").read("soon", JAN_2027)).isEqualTo(TimestampParser.INVALID);
    assertThatThrownBy(() -> RuleTime.of("yyyy-MM-dd {{")).hasMessageContaining("time_format");
  }
}
