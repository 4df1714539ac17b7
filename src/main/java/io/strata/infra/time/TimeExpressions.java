package io.strata.infra.time;

import io.strata.pipeline.TimestampParser;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the times users type for {@code from} and {@code to}: ISO-8601 ({@code 2024-05-01T10:00:00Z},
 * a zone-less time is UTC), epoch milliseconds, {@code now}, and relative times such as {@code
 * now-15m}, {@code now-2h}, {@code now-7d} (units s, m, h, d, w).
 */
public final class TimeExpressions {

  private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(\\d{1,9})([smhdw]))?");

  private TimeExpressions() {}

  /** Epoch millis of {@code text} relative to {@code nowMillis}; throws on anything else. */
  public static long parse(String text, long nowMillis) {
    String value = text.trim();
    Matcher relative = RELATIVE.matcher(value);
    if (relative.matches()) {
      if (relative.group(1) == null) {
        return nowMillis;
      }
      long amount = Long.parseLong(relative.group(2)) * unitMillis(relative.group(3).charAt(0));
      return relative.group(1).equals("-") ? nowMillis - amount : nowMillis + amount;
    }
    long nanos = TimestampParser.parseText(value);
    if (nanos == Long.MIN_VALUE) {
      throw new IllegalArgumentException("'" + text + "' is not a time: use ISO-8601 "
          + "(2024-05-01T10:00:00Z), epoch milliseconds, now, or now-15m / now-2h / now-7d");
    }
    return Math.floorDiv(nanos, 1_000_000L);
  }

  private static long unitMillis(char unit) {
    return switch (unit) {
      case 's' -> 1_000L;
      case 'm' -> 60_000L;
      case 'h' -> 3_600_000L;
      case 'd' -> 86_400_000L;
      default -> 7 * 86_400_000L;
    };
  }
}
