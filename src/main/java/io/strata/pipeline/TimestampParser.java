package io.strata.pipeline;

import java.nio.charset.StandardCharsets;

/** Parses common log timestamp notations into UTC epoch nanoseconds and formats them back. */
public final class TimestampParser {

  /** Returned by the parse methods when the input is not a timestamp or does not fit in a long. */
  public static final long INVALID = Long.MIN_VALUE;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int SECONDS_PER_DAY = 86_400;
  private static final int BAD_OFFSET = Integer.MIN_VALUE;
  private static final int[] POW10 = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };
  // Index 0 is unused so that months can be looked up 1-based.
  private static final int[] DAYS_BEFORE_MONTH = {
    0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
  };
  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
  private static final String WEEKDAYS = "montuewedthufrisatsun";

  private TimestampParser() {}

  /** Parses ISO-8601/RFC 3339, common log format, RFC 1123 or a numeric epoch into nanoseconds. */
  public static long parseText(CharSequence s) {
    return s == null ? INVALID : parseText(s, 0, s.length());
  }

  /** As {@link #parseText(CharSequence)}, over the characters from {@code from} to {@code to}. */
  static long parseText(CharSequence s, int start, int end) {
    int from = start;
    int to = end;
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    if (from == to) {
      return INVALID;
    }
    char first = s.charAt(from);
    if (isAsciiLetter(first)) {
      return parseRfc1123(s, from, to);
    }
    if (!isDigit(first)) {
      return first == '-' ? parseDecimal(s, from, to) : INVALID;
    }
    if (to - from >= 19 && s.charAt(from + 4) == '-') {
      return parseIso(s, from, to);
    }
    // Day-first notations start with a one- or two-digit day followed by their separator.
    int sep = from + 1 < to && isDigit(s.charAt(from + 1)) ? from + 2 : from + 1;
    char c = sep < to ? s.charAt(sep) : '0';
    return c == '/' ? parseCommonLog(s, from, to)
        : c == ' ' ? parseRfc1123(s, from, to)
        : parseDecimal(s, from, to);
  }

  /** Interprets an epoch number as seconds, millis, micros or nanos by magnitude; returns nanos. */
  public static long parseNumber(long value) {
    return value == Long.MIN_VALUE ? INVALID : scaleAdd(value, unitFor(Math.abs(value)), 0);
  }

  /** Interprets a possibly fractional epoch number by magnitude and returns nanos. */
  public static long parseNumber(double value) {
    double abs = Math.abs(value);
    if (!(abs < 0x1p63)) { // also rejects NaN
      return INVALID;
    }
    long unit = abs < 1e11 ? NANOS_PER_SECOND : abs < 1e14 ? 1_000_000L : abs < 1e17 ? 1_000L : 1L;
    long whole = (long) value;
    double fraction = value - whole;
    // A double cannot carry digits finer than its ulp, so round the fraction to a decimal step at
    // least that coarse; this recovers e.g. exactly .123 from 1700000000.123.
    double ulpNanos = Math.ulp(value) * unit;
    long step = 1;
    while (step < ulpNanos && step < unit) {
      step *= 10;
    }
    return scaleAdd(whole, unit, Math.round(fraction * unit / step) * step);
  }

  /** Formats epoch nanoseconds as ISO-8601 UTC with a 3, 6 or 9 digit fraction. */
  public static String format(long epochNanos) {
    long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
    int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
    long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = Math.floorMod(seconds, SECONDS_PER_DAY);
    int year = yearOfEpochDay(days);
    int dayOfYear = (int) (days - epochDay(year, 1, 1));
    int month = dayOfYear / 31 + 1;
    while (month < 12 && dayOfYear >= daysBeforeMonth(year, month + 1)) {
      month++;
    }
    int day = dayOfYear - daysBeforeMonth(year, month) + 1;
    byte[] buf = new byte[30];
    put(buf, 0, year, 4, '-');
    put(buf, 5, month, 2, '-');
    put(buf, 8, day, 2, 'T');
    put(buf, 11, secondOfDay / 3600, 2, ':');
    put(buf, 14, secondOfDay / 60 % 60, 2, ':');
    put(buf, 17, secondOfDay % 60, 2, '.');
    int width = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    int len = put(buf, 20, nanos / POW10[9 - width], width, 'Z');
    return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
  }

  /** The UTC year of an instant in epoch nanoseconds. */
  static int yearOf(long epochNanos) {
    return yearOfEpochDay(Math.floorDiv(epochNanos, NANOS_PER_SECOND * SECONDS_PER_DAY));
  }

  /**
   * The instant of a UTC date and time, {@code offset} seconds east of UTC, in epoch nanoseconds; or
   * {@link #INVALID} when a field is out of range (a negative one meaning a missing digit).
   */
  static long of(int year, int month, int day, int hour, int minute, int second, long nanos,
      int offset) {
    return toNanos(year, month, day, hour, minute, second, nanos, offset);
  }

  /**
   * Seconds east of UTC of {@code Z}, {@code ±hh}, {@code ±hhmm} or {@code ±hh:mm} filling exactly
   * {@code s[i, end)}, or {@link Integer#MIN_VALUE} when it is not one.
   */
  static int offsetSeconds(CharSequence s, int i, int end) {
    return i < end ? parseOffset(s, i, end) : BAD_OFFSET;
  }

  /** Which month (1 to 12) the three letters at {@code i} name in English, any case; or 0. */
  static int month(CharSequence s, int i) {
    return indexOf3(s, i, MONTHS) + 1;
  }

  /** Whether the three letters at {@code i} name a weekday in English, any case. */
  static boolean isWeekday(CharSequence s, int i) {
    return indexOf3(s, i, WEEKDAYS) >= 0;
  }

  private static int yearOfEpochDay(long days) {
    // The average Gregorian year length gives a guess that is off by at most one year.
    int year = 1970 + (int) Math.floorDiv(days * 400, 146_097);
    year -= epochDay(year, 1, 1) > days ? 1 : 0;
    year += epochDay(year + 1, 1, 1) <= days ? 1 : 0;
    return year;
  }

  private static long parseIso(CharSequence s, int p, int end) {
    char t = s.charAt(p + 10);
    if (s.charAt(p + 7) != '-' || (t != 'T' && t != 't' && t != ' ')
        || s.charAt(p + 13) != ':' || s.charAt(p + 16) != ':') {
      return INVALID;
    }
    int i = p + 19;
    long nanos = 0;
    if (i < end && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
      int digitsStart = ++i;
      while (i < end && isDigit(s.charAt(i))) {
        nanos = nanos * 10 + (s.charAt(i++) - '0');
      }
      int count = i - digitsStart;
      if (count == 0 || count > 9) {
        return INVALID;
      }
      nanos *= POW10[9 - count];
    }
    int offset = i == end ? 0 : parseOffset(s, i, end);
    return toNanos(digits(s, p, 4), digits(s, p + 5, 2), digits(s, p + 8, 2),
        digits(s, p + 11, 2), digits(s, p + 14, 2), digits(s, p + 17, 2), nanos, offset);
  }

  /** Parses {@code dd/Mon/yyyy:HH:mm:ss[ zone]} as written by Apache and nginx. */
  private static long parseCommonLog(CharSequence s, int p, int end) {
    int q = s.charAt(p + 1) == '/' ? p + 1 : p + 2;
    if (end - q < 18 || s.charAt(q + 4) != '/' || s.charAt(q + 9) != ':'
        || s.charAt(q + 12) != ':' || s.charAt(q + 15) != ':') {
      return INVALID;
    }
    int i = q + 18;
    int offset = i == end ? 0 : s.charAt(i) == ' ' ? parseOffset(s, i + 1, end) : BAD_OFFSET;
    return toNanos(digits(s, q + 5, 4), indexOf3(s, q + 1, MONTHS) + 1, digits(s, p, q - p),
        digits(s, q + 10, 2), digits(s, q + 13, 2), digits(s, q + 16, 2), 0, offset);
  }

  /** Parses {@code [Wkd, ]d Mon yyyy HH:mm:ss zone}, zone being GMT, UT, UTC or an offset. */
  private static long parseRfc1123(CharSequence s, int p, int end) {
    int i = p;
    if (isAsciiLetter(s.charAt(i))) {
      if (end - i < 4 || indexOf3(s, i, WEEKDAYS) < 0 || s.charAt(i + 3) != ',') {
        return INVALID;
      }
      i += 4;
      while (i < end && s.charAt(i) == ' ') {
        i++;
      }
    }
    int dayStart = i;
    while (i < end && i - dayStart < 2 && isDigit(s.charAt(i))) {
      i++;
    }
    int dayLen = i - dayStart;
    if (dayLen == 0 || end - i < 20 || s.charAt(i) != ' ' || s.charAt(i + 4) != ' '
        || s.charAt(i + 9) != ' ' || s.charAt(i + 12) != ':' || s.charAt(i + 15) != ':'
        || s.charAt(i + 18) != ' ') {
      return INVALID;
    }
    int z = i + 19;
    boolean utc = end - z == 3 ? indexOf3(s, z, "gmtutc") >= 0 : end - z == 2 && ut(s, z);
    int offset = utc ? 0 : parseOffset(s, z, end);
    return toNanos(digits(s, i + 5, 4), indexOf3(s, i + 1, MONTHS) + 1, digits(s, dayStart, dayLen),
        digits(s, i + 10, 2), digits(s, i + 13, 2), digits(s, i + 16, 2), 0, offset);
  }

  /** Parses {@code -?digits[.digits]} exactly, without going through a double. */
  private static long parseDecimal(CharSequence s, int p, int end) {
    boolean negative = s.charAt(p) == '-';
    int i = negative ? p + 1 : p;
    int start = i;
    long whole = 0;
    while (i < end && isDigit(s.charAt(i))) {
      int d = s.charAt(i++) - '0';
      if (whole > (Long.MAX_VALUE - d) / 10) {
        return INVALID;
      }
      whole = whole * 10 + d;
    }
    if (i == start || (i < end && s.charAt(i) != '.')) {
      return INVALID;
    }
    if (i == end) {
      return parseNumber(negative ? -whole : whole);
    }
    int fractionStart = ++i;
    while (i < end && isDigit(s.charAt(i))) {
      i++;
    }
    if (i == fractionStart || i != end) {
      return INVALID;
    }
    long unit = unitFor(whole);
    long fraction = 0;
    // Only as many fraction digits as the unit can hold count; finer ones are truncated.
    int pos = fractionStart;
    for (long u = unit; u > 1; u /= 10) {
      fraction = fraction * 10 + (pos < end ? s.charAt(pos++) - '0' : 0);
    }
    return negative ? scaleAdd(-whole, unit, -fraction) : scaleAdd(whole, unit, fraction);
  }

  /** Returns seconds east of UTC of {@code Z}, {@code ±hh}, {@code ±hhmm} or {@code ±hh:mm}. */
  private static int parseOffset(CharSequence s, int i, int end) {
    char sign = s.charAt(i);
    if (sign == 'Z' || sign == 'z') {
      return i + 1 == end ? 0 : BAD_OFFSET;
    }
    if ((sign != '+' && sign != '-') || end - i < 3) {
      return BAD_OFFSET;
    }
    int hours = digits(s, i + 1, 2);
    int minutes = switch (end - i) {
      case 3 -> 0;
      case 5 -> digits(s, i + 3, 2);
      case 6 -> s.charAt(i + 3) == ':' ? digits(s, i + 4, 2) : -1;
      default -> -1;
    };
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return BAD_OFFSET;
    }
    int seconds = hours * 3600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  private static long toNanos(
      int year, int month, int day, int hour, int minute, int second, long nanos, int offset) {
    // Negative field values mean a non-digit was found where a digit was required.
    if (offset == BAD_OFFSET || year < 0 || month < 1 || month > 12 || day < 1
        || day > daysBeforeMonth(year, month + 1) - daysBeforeMonth(year, month)
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return INVALID;
    }
    long seconds = epochDay(year, month, day) * SECONDS_PER_DAY
        + hour * 3600 + minute * 60 + second - offset;
    // Borrow a second for negative instants so the intermediate product stays in range near MIN.
    if (seconds < 0 && nanos > 0) {
      seconds++;
      nanos -= NANOS_PER_SECOND;
    }
    return scaleAdd(seconds, NANOS_PER_SECOND, nanos);
  }

  /** Returns {@code value * unit + add}, or INVALID when that overflows a long. */
  private static long scaleAdd(long value, long unit, long add) {
    long scaled = value * unit;
    long result = scaled + add;
    boolean overflow = Math.multiplyHigh(value, unit) != (scaled >> 63)
        || ((scaled ^ result) & (add ^ result)) < 0;
    return overflow ? INVALID : result;
  }

  /** Days since 1970-01-01 in the proleptic Gregorian calendar. */
  private static long epochDay(int year, int month, int day) {
    long y = year - 1;
    long leapYearsBefore = Math.floorDiv(y, 4) - Math.floorDiv(y, 100) + Math.floorDiv(y, 400);
    // 477 leap years precede 1970.
    return 365L * (year - 1970) + leapYearsBefore - 477 + daysBeforeMonth(year, month) + day - 1;
  }

  /** Days in the year before the first of {@code month}; month 13 yields the year length. */
  private static int daysBeforeMonth(int year, int month) {
    int days = month == 13 ? 365 : DAYS_BEFORE_MONTH[month];
    boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    return leap && month > 2 ? days + 1 : days;
  }

  private static long unitFor(long magnitude) {
    return magnitude < 100_000_000_000L ? NANOS_PER_SECOND
        : magnitude < 100_000_000_000_000L ? 1_000_000L
        : magnitude < 100_000_000_000_000_000L ? 1_000L : 1L;
  }

  /** Returns the value of {@code count} digits at {@code i}, or -1 if any is not a digit. */
  private static int digits(CharSequence s, int i, int count) {
    int value = 0;
    for (int k = 0; k < count; k++) {
      char c = s.charAt(i + k);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Returns which three-letter entry of a lowercase table {@code s} holds at {@code i}, or -1. */
  private static int indexOf3(CharSequence s, int i, String table) {
    // Setting the 0x20 bit lowercases ASCII letters and maps nothing else onto one.
    int c0 = s.charAt(i) | 0x20;
    int c1 = s.charAt(i + 1) | 0x20;
    int c2 = s.charAt(i + 2) | 0x20;
    for (int k = 0; k < table.length(); k += 3) {
      if (table.charAt(k) == c0 && table.charAt(k + 1) == c1 && table.charAt(k + 2) == c2) {
        return k / 3;
      }
    }
    return -1;
  }

  private static boolean ut(CharSequence s, int i) {
    return (s.charAt(i) | 0x20) == 'u' && (s.charAt(i + 1) | 0x20) == 't';
  }

  /** Writes {@code value} zero-padded to {@code width} and then {@code suffix}; returns the end. */
  private static int put(byte[] buf, int at, int value, int width, char suffix) {
    for (int k = at + width - 1; k >= at; k--) {
      buf[k] = (byte) ('0' + value % 10);
      value /= 10;
    }
    buf[at + width] = (byte) suffix;
    return at + width + 1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return (char) ((c | 0x20) - 'a') < 26;
  }
}
