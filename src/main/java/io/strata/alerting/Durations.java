package io.strata.alerting;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The durations of a rule ({@code window}, {@code every}, {@code for}, {@code renotify}) as people
 * write them, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, and as they are stored: whole
 * seconds. Shown back in the largest unit that divides them, so {@code 5m} reads {@code 5m} again
 * (and {@code 300s} reads {@code 5m}).
 */
final class Durations {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,7})([smhd])");
  private static final long[] UNIT_SECONDS = {86_400, 3_600, 60, 1};
  private static final char[] UNITS = {'d', 'h', 'm', 's'};

  private Durations() {}

  /**
   * The seconds of {@code text} ({@code 0} may be written without a unit); an {@link
   * IllegalArgumentException} saying what is accepted for anything else.
   */
  static long seconds(String text) {
    String value = text.strip();
    if (value.equals("0")) {
      return 0;
    }
    Matcher matcher = DURATION.matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration: write a whole number"
          + " and a unit, s, m, h or d (30s, 5m, 2h, 1d).");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2).charAt(0)) {
      case 's' -> amount;
      case 'm' -> amount * 60;
      case 'h' -> amount * 3_600;
      default -> amount * 86_400;
    };
  }

  /** {@code seconds} in the largest unit that divides it: 300 → {@code 5m}, 0 → {@code 0s}. */
  static String format(long seconds) {
    if (seconds == 0) {
      return "0s";
    }
    for (int i = 0; i < UNIT_SECONDS.length; i++) {
      if (seconds % UNIT_SECONDS[i] == 0) {
        return (seconds / UNIT_SECONDS[i]) + String.valueOf(UNITS[i]);
      }
    }
    throw new AssertionError("every whole number of seconds is a whole number of seconds");
  }
}
