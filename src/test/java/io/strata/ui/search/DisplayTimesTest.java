package io.strata.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DisplayTimesTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void theZoneSaysItsOffsetAtThatTime() {
    assertThat(DisplayTimes.zone(PARIS, Instant.parse("2026-12-06T10:00:00Z")))
        .isEqualTo("Europe/Paris (UTC+01:00)");
    assertThat(DisplayTimes.zone(PARIS, Instant.parse("2026-07-06T10:00:00Z")))
        .isEqualTo("Europe/Paris (UTC+02:00)");
    assertThat(DisplayTimes.zone(ZoneOffset.UTC, Instant.now())).isEqualTo("UTC");
    assertThat(DisplayTimes.zone(ZoneId.of("Etc/UTC"), Instant.now())).isEqualTo("UTC");
    assertThat(DisplayTimes.zone(ZoneId.of("Atlantic/Reykjavik"), Instant.now()))
        .isEqualTo("Atlantic/Reykjavik (UTC+00:00)");
  }

  @Test
  void aRangeWithinADayNamesTheDateOnce() {
    long from = Instant.parse("2026-12-06T10:00:00Z").toEpochMilli();
    long to = Instant.parse("2026-12-06T10:05:00Z").toEpochMilli();
    assertThat(DisplayTimes.range(from, to, PARIS)).isEqualTo("2026-12-06 11:00:00 – 11:05:00");
    assertThat(DisplayTimes.range(from, to, ZoneId.of("Asia/Tokyo")))
        .isEqualTo("2026-12-06 19:00:00 – 19:05:00");
  }

  @Test
  void aRangeOverMidnightNamesBothDates() {
    long from = Instant.parse("2026-12-05T22:30:00Z").toEpochMilli();
    long to = Instant.parse("2026-12-06T00:30:00Z").toEpochMilli();
    assertThat(DisplayTimes.range(from, to, ZoneOffset.UTC))
        .isEqualTo("2026-12-05 22:30:00 – 2026-12-06 00:30:00");
  }

  @Test
  void anEventTimeIsShownInTheZone() {
    assertThat(DisplayTimes.event("2026-12-06T10:43:39.120Z", PARIS))
        .isEqualTo("Dec 06 11:43:39.120");
    assertThat(DisplayTimes.event("2026-12-06T10:43:39Z", ZoneOffset.UTC))
        .isEqualTo("Dec 06 10:43:39.000");
    assertThat(DisplayTimes.event("yesterday", PARIS)).isEqualTo("yesterday");
    assertThat(DisplayTimes.event(null, PARIS)).isEmpty();
  }
}
