package io.strata.ui.search;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Instants as the Search view shows them, in the zone the user reads times in. */
final class DisplayTimes {

  private static final DateTimeFormatter EVENT =
      DateTimeFormatter.ofPattern("MMM dd HH:mm:ss.SSS", Locale.ENGLISH);
  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter BUCKET =
      DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.ENGLISH);

  private DisplayTimes() {}

  /** "Europe/Paris (UTC+01:00)", or "UTC": the zone and its offset at {@code at}. */
  static String zone(ZoneId zone, Instant at) {
    if (isUtc(zone)) {
      return "UTC";
    }
    ZoneOffset offset = zone.getRules().getOffset(at);
    return zone.getId() + " (UTC" + (offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId())
        + ")";
  }

  static boolean isUtc(ZoneId zone) {
    return zone.normalized().equals(ZoneOffset.UTC) || "Etc/UTC".equals(zone.getId())
        || "UTC".equals(zone.getId());
  }

  /**
   * A range as "2026-12-06 10:00:00 – 10:05:00", the end's date only when it is another day, so a
   * zoomed range stays readable in the toolbar.
   */
  static String range(long fromMillis, long toMillis, ZoneId zone) {
    ZonedDateTime from = Instant.ofEpochMilli(fromMillis).atZone(zone);
    ZonedDateTime to = Instant.ofEpochMilli(toMillis).atZone(zone);
    return FULL.format(from) + " – "
        + (from.toLocalDate().equals(to.toLocalDate()) ? TIME : FULL).format(to);
  }

  /**
   * An event's {@code @timestamp} (ISO-8601) in {@code zone} to the millisecond; the stored text
   * as it is when it is not an instant.
   */
  static String event(Object timestamp, ZoneId zone) {
    if (timestamp == null) {
      return "";
    }
    try {
      return EVENT.format(Instant.parse(timestamp.toString()).atZone(zone));
    } catch (DateTimeParseException e) {
      return timestamp.toString();
    }
  }

  /** A histogram bucket's start, for its hover text. */
  static String bucket(long millis, ZoneId zone) {
    return BUCKET.format(Instant.ofEpochMilli(millis).atZone(zone));
  }
}
