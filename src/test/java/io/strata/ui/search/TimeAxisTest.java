package io.strata.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeAxisTest {

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void anHourGetsRoundMinutesOfTheZone() {
    var ticks = TimeAxis.ticks(at("2026-12-06T10:03:00Z"), at("2026-12-06T11:03:00Z"),
        ZoneId.of("Asia/Kolkata"), 8);
    // Kolkata is UTC+05:30: 15:33 to 16:33 local, every 10 minutes on the local clock.
    assertThat(ticks).extracting(TimeAxis.Tick::label)
        .containsExactly("15:40", "15:50", "16:00", "16:10", "16:20", "16:30");
    assertThat(ticks.getFirst().millis()).isEqualTo(at("2026-12-06T10:10:00Z"));
  }

  @Test
  void aLocalMidnightIsLabelledWithItsDate() {
    var ticks = TimeAxis.ticks(at("2026-12-05T20:00:00Z"), at("2026-12-06T08:00:00Z"),
        ZoneId.of("Europe/Paris"), 8);
    // 21:00 to 09:00 in Paris, every 2 hours: midnight there is a day.
    assertThat(ticks).extracting(TimeAxis.Tick::label)
        .containsExactly("22:00", "Dec 6", "02:00", "04:00", "06:00", "08:00");
  }

  @Test
  void thirtyDaysGetDays() {
    var ticks = TimeAxis.ticks(at("2026-11-06T12:00:00Z"), at("2026-12-06T12:00:00Z"),
        ZoneOffset.UTC, 8);
    assertThat(ticks).hasSizeLessThanOrEqualTo(8).isNotEmpty();
    assertThat(ticks).extracting(TimeAxis.Tick::label).allMatch(l -> l.matches("[A-Z][a-z]{2} \\d+"));
    // Weekly, from the first midnight: too many days for 8 labels.
    assertThat(ticks).extracting(TimeAxis.Tick::label)
        .containsExactly("Nov 13", "Nov 20", "Nov 27", "Dec 4");
  }

  @Test
  void secondsAreShownForShortRanges() {
    var ticks = TimeAxis.ticks(at("2026-12-06T10:00:00Z"), at("2026-12-06T10:00:30Z"),
        ZoneOffset.UTC, 8);
    assertThat(ticks).extracting(TimeAxis.Tick::label)
        .containsExactly("10:00:00", "10:00:05", "10:00:10", "10:00:15", "10:00:20", "10:00:25",
            "10:00:30");
  }

  @Test
  void theStepKeepsTheTicksUnderTheLimit() {
    assertThat(TimeAxis.step(Duration.ofHours(24).toMillis(), 8)).isEqualTo(Duration.ofHours(6));
    assertThat(TimeAxis.step(Duration.ofMinutes(15).toMillis(), 8)).isEqualTo(Duration.ofMinutes(5));
    assertThat(TimeAxis.ticks(5, 5, ZoneOffset.UTC, 8)).isEmpty();
  }
}
