package io.strata.parsing;

import io.strata.pipeline.LogStamps;
import io.strata.pipeline.TimestampParser;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * How a rule reads the {@code @timestamp} it captures. Without a {@code time_format}, any notation
 * the automatic parsing knows; {@code UNIX} and {@code UNIX_MS} for epoch seconds (with an optional
 * fraction) and milliseconds; anything else is a {@link DateTimeFormatter} pattern such as {@code
 * dd/MMM/yyyy:HH:mm:ss Z}. A stamp without a zone is UTC; one without a year takes the year that
 * puts it in the most recent past (a December line read in January is last year's), as syslog's.
 */
public abstract sealed class RuleTime {

  /** Longest time format accepted. */
  public static final int MAX_FORMAT = 200;

  private static final long DAY_NANOS = 86_400_000_000_000L;

  /** The reader for {@code format} (null or blank: automatic); a bad pattern is refused. */
  public static RuleTime of(String format) {
    if (format == null || format.isBlank()) {
      return new Automatic();
    }
    String trimmed = format.trim();
    if (trimmed.length() > MAX_FORMAT) {
      throw new IllegalArgumentException("'time_format' is longer than " + MAX_FORMAT
          + " characters.");
    }
    return switch (trimmed) {
      case "UNIX" -> new Epoch(1_000_000_000L);
      case "UNIX_MS" -> new Epoch(1_000_000L);
      case "ISO8601" -> new Automatic();
      default -> new Formatted(trimmed);
    };
  }

  /** Epoch nanoseconds of {@code text}, or {@link TimestampParser#INVALID}. */
  public abstract long read(String text, long ingestedAtMillis);

  private static final class Automatic extends RuleTime {
    @Override
    public long read(String text, long ingestedAtMillis) {
      return LogStamps.read(text, ingestedAtMillis);
    }
  }

  private static final class Epoch extends RuleTime {
    private final long nanosPerUnit;

    Epoch(long nanosPerUnit) {
      this.nanosPerUnit = nanosPerUnit;
    }

    /** Whole units and up to nine fraction digits, exactly: a double loses the nanoseconds. */
    @Override
    public long read(String text, long ingestedAtMillis) {
      String value = text.trim();
      int dot = value.indexOf('.');
      try {
        long whole = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
        long nanos = Math.multiplyExact(whole, nanosPerUnit);
        if (dot >= 0) {
          String digits = value.substring(dot + 1);
          if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            return TimestampParser.INVALID;
          }
          long fraction = Long.parseLong((digits + "000000000").substring(0, 9));
          long part = fraction * nanosPerUnit / 1_000_000_000L;
          nanos = whole < 0 || value.startsWith("-") ? nanos - part : nanos + part;
        }
        return nanos;
      } catch (NumberFormatException | ArithmeticException e) {
        return TimestampParser.INVALID;
      }
    }
  }

  private static final class Formatted extends RuleTime {
    private final DateTimeFormatter formatter;

    Formatted(String pattern) {
      try {
        formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
            .toFormatter(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'time_format' is not a date-time pattern: "
            + e.getMessage());
      }
    }

    @Override
    public long read(String text, long ingestedAtMillis) {
      TemporalAccessor parsed;
      try {
        parsed = formatter.parse(text.trim());
      } catch (DateTimeParseException e) {
        return TimestampParser.INVALID;
      }
      try {
        LocalTime time = parsed.query(TemporalQueries.localTime());
        if (time == null) {
          time = LocalTime.MIDNIGHT;
        }
        ZoneId zone = zone(parsed);
        if (parsed.isSupported(ChronoField.YEAR)) {
          LocalDate date = parsed.query(TemporalQueries.localDate());
          if (date == null) {
            return TimestampParser.INVALID;
          }
          return nanos(LocalDateTime.of(date, time), zone);
        }
        if (!parsed.isSupported(ChronoField.MONTH_OF_YEAR)
            || !parsed.isSupported(ChronoField.DAY_OF_MONTH)) {
          return TimestampParser.INVALID;
        }
        int month = parsed.get(ChronoField.MONTH_OF_YEAR);
        int day = parsed.get(ChronoField.DAY_OF_MONTH);
        long ingest = ingestedAtMillis * 1_000_000L;
        int year = LocalDate.ofEpochDay(Math.floorDiv(ingestedAtMillis, 86_400_000L)).getYear();
        long candidate = nanos(LocalDateTime.of(LocalDate.of(year, month, day), time), zone);
        // A day's slack for clocks ahead; beyond it the stamp is last year's.
        return candidate - ingest > DAY_NANOS
            ? nanos(LocalDateTime.of(LocalDate.of(year - 1, month, day), time), zone)
            : candidate;
      } catch (DateTimeException | ArithmeticException e) {
        return TimestampParser.INVALID;
      }
    }

    private static ZoneId zone(TemporalAccessor parsed) {
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        return ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS));
      }
      ZoneId zone = parsed.query(TemporalQueries.zone());
      return zone != null ? zone : ZoneOffset.UTC;
    }

    private static long nanos(LocalDateTime local, ZoneId zone) {
      long seconds = local.atZone(zone).toEpochSecond();
      return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), local.getNano());
    }
  }
}
