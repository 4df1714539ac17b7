package io.strata.ui.search;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The labelled instants under the histogram: round times of the displayed time zone (whole
 * minutes, hours, local midnights...), few enough to stay legible.
 */
final class TimeAxis {

  /** One label, at {@code millis}. */
  record Tick(long millis, String label) {}

  private static final List<Duration> STEPS = List.of(Duration.ofSeconds(1),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
      Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
      Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3),
      Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2),
      Duration.ofDays(7));
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

  private TimeAxis() {}

  /** At most {@code maxTicks} ticks within {@code [from, to]}, labelled in {@code zone}. */
  static List<Tick> ticks(long fromMillis, long toMillis, ZoneId zone, int maxTicks) {
    List<Tick> ticks = new ArrayList<>();
    if (toMillis <= fromMillis || maxTicks < 1) {
      return ticks;
    }
    Duration step = step(toMillis - fromMillis, maxTicks);
    ZonedDateTime from = Instant.ofEpochMilli(fromMillis).atZone(zone);
    ZonedDateTime day = from.toLocalDate().atStartOfDay(zone);
    ZonedDateTime at;
    if (step.toDays() >= 1) {
      at = day;
    } else {
      // Counted from local midnight, so that 3-hour ticks fall on 00:00, 03:00... of the zone.
      long skip = Duration.between(day, from).toMillis() / step.toMillis();
      at = day.plus(step.multipliedBy(skip));
    }
    while (!at.toInstant().isAfter(Instant.ofEpochMilli(toMillis))) {
      long millis = at.toInstant().toEpochMilli();
      if (millis >= fromMillis) {
        ticks.add(new Tick(millis, label(at, step)));
      }
      at = step.toDays() >= 1 ? at.plusDays(step.toDays()) : at.plus(step);
    }
    return ticks;
  }

  /** The smallest step that gives at most {@code maxTicks} ticks over {@code spanMillis}. */
  static Duration step(long spanMillis, int maxTicks) {
    for (Duration step : STEPS) {
      if (spanMillis / step.toMillis() < maxTicks) {
        return step;
      }
    }
    return STEPS.getLast();
  }

  private static String label(ZonedDateTime at, Duration step) {
    if (step.toDays() >= 1 || at.toLocalTime().toSecondOfDay() == 0 && step.toHours() >= 1) {
      return DAY.format(at);
    }
    return (step.toSeconds() < 60 ? SECONDS : MINUTES).format(at);
  }
}
