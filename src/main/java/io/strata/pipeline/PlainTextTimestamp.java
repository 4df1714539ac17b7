package io.strata.pipeline;

/**
 * Finds the event time at the start of a plain-text log line, in the notations that common servers
 * and runtimes write there: syslog (RFC 3164 and 5424, with their {@code <PRI>}), ISO-8601 (space or
 * {@code T}, comma or dot fraction, with or without zone), Apache's error and access logs, nginx,
 * Go's log, log4j/logback/Python defaults, klog/glog, Windows CBS, Android logcat, compact stamps
 * ({@code 081109 203615}, {@code 17/06/09 20:10:40}, {@code 20171223-22:15:29:606}), epoch seconds
 * or millis in the first column, and a bracketed time within the first 80 characters.
 *
 * <p>It runs for every plain-text event on the indexing path (and again when search rebuilds an
 * event), so it reads characters in place, keyed on the first one: no regular expression, no
 * substring, no object per line. A stamp without a zone is UTC. A stamp without a year takes the
 * year that puts it in the most recent past (up to a day ahead still counts as this year, for zones
 * and skewed clocks); a time without a date takes the day that puts it nearest the ingest time.
 */
final class PlainTextTimestamp {

  /** Returned when a line starts with no recognisable time. */
  static final long NONE = TimestampParser.INVALID;

  private static final long SECOND = 1_000_000_000L;
  private static final long DAY = 86_400L * SECOND;
  private static final int BAD_OFFSET = Integer.MIN_VALUE;
  /** How far into a line an access log's bracketed time may start. */
  private static final int BRACKET_SEARCH = 80;
  /** The longest bracketed time, as {@code [Wed Oct 11 14:32:52.123456789 2000]}, and some room. */
  private static final int BRACKET_MAX = 42;
  private static final long[] POW10 = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, SECOND
  };

  private PlainTextTimestamp() {}

  /** The event time in epoch nanoseconds, or {@link #NONE} when the line has none. */
  static long find(String line, long ingestedAtMillis) {
    int n = line.length();
    long ingest = ingestedAtMillis * 1_000_000L;
    int p = afterPrefix(line, n);
    if (p >= n) {
      return NONE;
    }
    char c = line.charAt(p);
    long time = NONE;
    if (isDigit(c)) {
      time = digitLed(line, p, n, ingest);
    } else if (c == '[') {
      return bracketed(line, p + 1, n, ingest);
    } else if (isLetter(c)) {
      time = letterLed(line, p, n, ingest);
    }
    if (time != NONE) {
      return time;
    }
    // Not at the start: the bracketed time of an access log, "1.2.3.4 - - [10/Oct/2000:...]".
    int limit = Math.min(n, p + BRACKET_SEARCH);
    for (int i = p + 1; i < limit; i++) {
      if (line.charAt(i) == '[') {
        return bracketed(line, i + 1, n, ingest);
      }
    }
    return NONE;
  }

  /**
   * Where the stamp may start: after a syslog {@code <PRI>} (and RFC 5424's version {@code 1}), or
   * after the {@code - } alert column of the BGL and Thunderbird supercomputer logs.
   */
  private static int afterPrefix(String s, int n) {
    if (n > 3 && s.charAt(0) == '<') {
      int i = 1;
      while (i < n && i <= 4 && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == 1 || !at(s, i, n, '>')) {
        return 0;
      }
      i++;
      return at(s, i, n, '1') && at(s, i + 1, n, ' ') ? i + 2 : i;
    }
    return n > 2 && s.charAt(0) == '-' && s.charAt(1) == ' ' && isDigit(s.charAt(2)) ? 2 : 0;
  }

  /** A stamp starting with a digit at {@code p}, within {@code end}. */
  private static long digitLed(String s, int p, int end, long ingest) {
    int i = p;
    while (i < end && i - p < 20 && isDigit(s.charAt(i))) {
      i++;
    }
    char sep = i < end ? s.charAt(i) : '\0';
    return switch (i - p) {
      case 2 -> twoDigitLed(s, p, end, sep, ingest);
      case 4 -> sep == '-' ? iso(s, p, end) : sep == '/' ? goOrNginx(s, p, end) : NONE;
      case 6 -> sep == ' ' ? compact(s, p, end, ingest) : NONE;
      case 8 -> sep == '-' || sep == ' ' ? basicDate(s, p, end) : NONE;
      default -> i - p >= 10 ? epoch(s, p, i, end) : NONE;
    };
  }

  private static long twoDigitLed(String s, int p, int end, char sep, long ingest) {
    boolean monthName = p + 3 < end && isLetter(s.charAt(p + 3));
    switch (sep) {
      case '/': // 10/Oct/2000:13:55:36 -0700 (common log format); 17/06/09 20:10:40 (Spark)
        return monthName ? commonLog(s, p, end) : yyMMdd(s, p, end, ingest);
      case '-': // 23-Dec-2017 10:15:29.123 (Tomcat); 03-17 16:13:38.811 (Android logcat)
        if (monthName) {
          return at(s, p + 6, end, '-') && at(s, p + 11, end, ' ')
              ? plus(date(digits(s, p + 7, 4, end), TimestampParser.month(s, p + 3),
                  digits(s, p, 2, end)), timeOfDay(s, p + 12, end))
              : NONE;
        }
        return at(s, p + 5, end, ' ')
            ? yearless(digits(s, p, 2, end), digits(s, p + 3, 2, end), timeOfDay(s, p + 6, end),
                ingest)
            : NONE;
      case '.': // 10.30 16:49:06 (Proxifier); 30.10.2016 16:49:06
        if (at(s, p + 5, end, ' ')) {
          return yearless(digits(s, p, 2, end), digits(s, p + 3, 2, end),
              timeOfDay(s, p + 6, end), ingest);
        }
        return at(s, p + 5, end, '.') && at(s, p + 10, end, ' ')
            ? plus(date(digits(s, p + 6, 4, end), digits(s, p + 3, 2, end), digits(s, p, 2, end)),
                timeOfDay(s, p + 11, end))
            : NONE;
      case ':': // 16:09:51.123 [main] INFO ... (logback's default)
        return timeOnly(timeOfDay(s, p, end), ingest);
      default:
        return NONE;
    }
  }

  /** {@code yyyy-MM-dd[T ]HH:mm:ss[.,fraction][Z|±hh[:]mm]}; a comma after the seconds (CBS) ends it. */
  private static long iso(String s, int p, int end) {
    char t = p + 10 < end ? s.charAt(p + 10) : '\0';
    if (!at(s, p + 7, end, '-') || (t != 'T' && t != ' ' && t != 't')) {
      return NONE;
    }
    long time = plus(date(digits(s, p, 4, end), digits(s, p + 5, 2, end), digits(s, p + 8, 2, end)),
        timeOfDay(s, p + 11, end));
    int offset = zone(s, afterFraction(s, p + 19, end), end);
    return time == NONE || offset == BAD_OFFSET ? NONE : time - offset * SECOND;
  }

  /** {@code yyyy/MM/dd HH:mm:ss[.micros]}: Go's log package and nginx's error log. */
  private static long goOrNginx(String s, int p, int end) {
    return at(s, p + 7, end, '/') && at(s, p + 10, end, ' ')
        ? plus(date(digits(s, p, 4, end), digits(s, p + 5, 2, end), digits(s, p + 8, 2, end)),
            timeOfDay(s, p + 11, end))
        : NONE;
  }

  /** {@code dd/MMM/yyyy:HH:mm:ss[ ±hhmm]}, as Apache and nginx access logs write it. */
  private static long commonLog(String s, int p, int end) {
    if (!at(s, p + 6, end, '/') || !at(s, p + 11, end, ':')) {
      return NONE;
    }
    long time = plus(date(digits(s, p + 7, 4, end), TimestampParser.month(s, p + 3),
        digits(s, p, 2, end)), timeOfDay(s, p + 12, end));
    int offset = at(s, p + 20, end, ' ') ? zone(s, p + 21, end) : 0;
    return time == NONE || offset == BAD_OFFSET ? NONE : time - offset * SECOND;
  }

  /** {@code yy/MM/dd HH:mm:ss}, log4j's {@code %d{yy/MM/dd HH:mm:ss}} as Spark writes it. */
  private static long yyMMdd(String s, int p, int end, long ingest) {
    return at(s, p + 5, end, '/') && at(s, p + 8, end, ' ')
        ? plus(date(century(digits(s, p, 2, end), ingest), digits(s, p + 3, 2, end),
            digits(s, p + 6, 2, end)), timeOfDay(s, p + 9, end))
        : NONE;
  }

  /** {@code yyMMdd HHmmss}, as Hadoop's HDFS writes it. */
  private static long compact(String s, int p, int end, long ingest) {
    if (p + 13 < end && isDigit(s.charAt(p + 13))) {
      return NONE;
    }
    int hour = digits(s, p + 7, 2, end);
    int minute = digits(s, p + 9, 2, end);
    int second = digits(s, p + 11, 2, end);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return NONE;
    }
    return plus(date(century(digits(s, p, 2, end), ingest), digits(s, p + 2, 2, end),
        digits(s, p + 4, 2, end)), (hour * 3600L + minute * 60L + second) * SECOND);
  }

  /**
   * {@code yyyyMMdd-H:m:s:S} (HealthApp, whose fields are not zero-padded, the last one counting
   * milliseconds) and {@code yyyyMMdd HH:mm:ss[.SSS]}.
   */
  private static long basicDate(String s, int p, int end) {
    long date = date(digits(s, p, 4, end), digits(s, p + 4, 2, end), digits(s, p + 6, 2, end));
    if (date == NONE || s.charAt(p + 8) == ' ') {
      return plus(date, timeOfDay(s, p + 9, end));
    }
    long nanos = 0;
    int i = p + 9;
    // Hours, minutes, seconds and milliseconds: 1-2, 1-2, 1-2 and 1-3 digits after a colon each.
    for (int field = 0; field < 4; field++) {
      if (field > 0 && !at(s, i++, end, ':')) {
        return field == 3 ? date + nanos : NONE;
      }
      int start = i;
      int value = 0;
      while (i < end && i - start < (field == 3 ? 3 : 2) && isDigit(s.charAt(i))) {
        value = value * 10 + (s.charAt(i++) - '0');
      }
      if (i == start || value > (field == 0 ? 23 : field == 3 ? 999 : 59)) {
        return NONE;
      }
      nanos += value * (field == 0 ? 3600 * SECOND : field == 1 ? 60 * SECOND
          : field == 2 ? SECOND : 1_000_000L);
    }
    return date + nanos;
  }

  /** Epoch seconds or millis (more by magnitude) filling the first column; at least 10 digits. */
  private static long epoch(String s, int p, int digitsEnd, int end) {
    int i = digitsEnd;
    if (at(s, i, end, '.') && i + 1 < end && isDigit(s.charAt(i + 1))) {
      i++;
      while (i < end && isDigit(s.charAt(i))) {
        i++;
      }
    }
    if (i < end) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != ',' && c != ';' && c != '|' && c != ']') {
        return NONE;
      }
    }
    return TimestampParser.parseText(s, p, i);
  }

  /** A stamp starting with a letter: klog/glog, syslog, or a weekday (ctime, RFC 1123). */
  private static long letterLed(String s, int p, int end, long ingest) {
    char c = s.charAt(p);
    if ((c == 'I' || c == 'W' || c == 'E' || c == 'F') && at(s, p + 5, end, ' ')) {
      // klog/glog: I1025 00:15:15.525108    1234 file.go:123] message
      int month = digits(s, p + 1, 2, end);
      int day = digits(s, p + 3, 2, end);
      return month < 0 || day < 0 ? NONE
          : yearless(month, day, timeOfDay(s, p + 6, end), ingest);
    }
    if (p + 4 >= end) {
      return NONE;
    }
    int month = TimestampParser.month(s, p);
    if (month > 0 && s.charAt(p + 3) == ' ') {
      return syslog(s, p + 4, end, month, ingest);
    }
    if (TimestampParser.isWeekday(s, p)) {
      char after = s.charAt(p + 3);
      if (after == ' ') {
        return ctime(s, p + 4, end);
      }
      // RFC 1123 has no fixed length: only a bracket tells where it ends.
      return after == ',' && end < s.length() && s.charAt(end) == ']'
          ? TimestampParser.parseText(s, p, end)
          : NONE;
    }
    return NONE;
  }

  /** After {@code MMM }: {@code dd HH:mm:ss}, {@code  d HH:mm:ss}, {@code d HH:mm:ss}, and a year. */
  private static long syslog(String s, int q, int end, int month, long ingest) {
    int day;
    int i;
    if (at(s, q, end, ' ')) {
      day = digits(s, q + 1, 1, end);
      i = q + 2;
    } else if (at(s, q + 1, end, ' ')) {
      day = digits(s, q, 1, end);
      i = q + 1;
    } else {
      day = digits(s, q, 2, end);
      i = q + 2;
    }
    if (day < 0 || !at(s, i, end, ' ')) {
      return NONE;
    }
    int year = digits(s, i + 1, 4, end);
    if (year >= 0 && at(s, i + 5, end, ' ')) {
      // "Mar  1 2024 10:00:00": a year after the day, as Cisco devices write it.
      return plus(date(year, month, day), timeOfDay(s, i + 6, end));
    }
    return yearless(month, day, timeOfDay(s, i + 1, end), ingest);
  }

  /** After the weekday: {@code Mon dd HH:mm:ss[.micros] yyyy}, Apache's error log and asctime. */
  private static long ctime(String s, int q, int end) {
    int month = q + 3 < end ? TimestampParser.month(s, q) : 0;
    if (month == 0 || !at(s, q + 3, end, ' ') || !at(s, q + 6, end, ' ')) {
      return NONE;
    }
    int day = at(s, q + 4, end, ' ') ? digits(s, q + 5, 1, end) : digits(s, q + 4, 2, end);
    long timeOfDay = timeOfDay(s, q + 7, end);
    int i = afterFraction(s, q + 15, end);
    return at(s, i, end, ' ') ? plus(date(digits(s, i + 1, 4, end), month, day), timeOfDay) : NONE;
  }

  /** The time in brackets whose content starts at {@code p}: {@code [...]}, closed nearby. */
  private static long bracketed(String s, int p, int n, long ingest) {
    int limit = Math.min(n, p + BRACKET_MAX);
    int close = -1;
    for (int i = p; i < limit; i++) {
      if (s.charAt(i) == ']') {
        close = i;
        break;
      }
    }
    if (close < 0) {
      return NONE;
    }
    int q = p;
    while (q < close && s.charAt(q) == ' ') {
      q++;
    }
    if (q == close) {
      return NONE;
    }
    char c = s.charAt(q);
    return isDigit(c) ? digitLed(s, q, close, ingest)
        : isLetter(c) ? letterLed(s, q, close, ingest)
        : NONE;
  }

  /**
   * A date and time without a year: this year, or last year when that would put it more than a day
   * ahead of the ingest time (a December line read in January).
   */
  private static long yearless(int month, int day, long timeOfDay, long ingest) {
    if (month < 0 || day < 0 || timeOfDay < 0) {
      return NONE;
    }
    int year = TimestampParser.yearOf(ingest);
    long time = plus(date(year, month, day), timeOfDay);
    if (time == NONE || time - ingest > DAY) {
      time = plus(date(year - 1, month, day), timeOfDay);
    }
    return time;
  }

  /** A time without a date: the day that puts it nearest the ingest time, up to 12 hours ahead. */
  private static long timeOnly(long timeOfDay, long ingest) {
    if (timeOfDay < 0) {
      return NONE;
    }
    long time = Math.floorDiv(ingest, DAY) * DAY + timeOfDay;
    if (time - ingest > DAY / 2) {
      return time - DAY;
    }
    return ingest - time > DAY / 2 ? time + DAY : time;
  }

  /** {@code HH:mm:ss} at {@code t} and a fraction after it, in nanoseconds; or -1. */
  private static long timeOfDay(String s, int t, int end) {
    if (!at(s, t + 2, end, ':') || !at(s, t + 5, end, ':')) {
      return -1;
    }
    int hour = digits(s, t, 2, end);
    int minute = digits(s, t + 3, 2, end);
    int second = digits(s, t + 6, 2, end);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return -1;
    }
    long nanos = (hour * 3600L + minute * 60L + second) * SECOND;
    int i = t + 8;
    if (i + 1 < end && (s.charAt(i) == '.' || s.charAt(i) == ',') && isDigit(s.charAt(i + 1))) {
      nanos += fractionDigits(s, i + 1, end);
    }
    return nanos;
  }

  /** The digits at {@code i} as a fraction of a second, in nanoseconds (finer ones are cut). */
  private static long fractionDigits(String s, int i, int end) {
    long nanos = 0;
    int count = 0;
    for (; i < end && isDigit(s.charAt(i)); i++) {
      if (count < 9) {
        nanos = nanos * 10 + (s.charAt(i) - '0');
        count++;
      }
    }
    return nanos * POW10[9 - count];
  }

  private static int afterFraction(String s, int i, int end) {
    if (i + 1 < end && (s.charAt(i) == '.' || s.charAt(i) == ',') && isDigit(s.charAt(i + 1))) {
      i++;
      while (i < end && isDigit(s.charAt(i))) {
        i++;
      }
    }
    return i;
  }

  /**
   * Seconds east of UTC of a zone at {@code i}: {@code Z} or {@code ±hh[[:]mm]}; 0 (UTC) when there
   * is none, such as Zookeeper's {@code " - INFO"} after the stamp.
   */
  private static int zone(String s, int i, int end) {
    if (i >= end) {
      return 0;
    }
    char sign = s.charAt(i);
    int hours = digits(s, i + 1, 2, end);
    if ((sign != '+' && sign != '-') || hours < 0) {
      return 0;
    }
    int minutes = at(s, i + 3, end, ':') ? digits(s, i + 4, 2, end)
        : i + 3 < end && isDigit(s.charAt(i + 3)) ? digits(s, i + 3, 2, end)
        : 0;
    if (hours > 18 || minutes < 0 || minutes > 59) {
      return BAD_OFFSET;
    }
    int seconds = hours * 3600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  /** A two-digit year: this century, or the last when that would be more than a year ahead. */
  private static int century(int yy, long ingest) {
    if (yy < 0) {
      return -1;
    }
    int year = 2000 + yy;
    return year > TimestampParser.yearOf(ingest) + 1 ? year - 100 : year;
  }

  /** Midnight UTC of a date, in epoch nanoseconds, or NONE when it is no date. */
  private static long date(int year, int month, int day) {
    return TimestampParser.of(year, month, day, 0, 0, 0, 0, 0);
  }

  private static long plus(long date, long timeOfDay) {
    return date == NONE || timeOfDay < 0 ? NONE : date + timeOfDay;
  }

  /** The value of {@code count} digits at {@code i}, or -1 when they are not all there. */
  private static int digits(String s, int i, int count, int end) {
    if (i < 0 || i + count > end) {
      return -1;
    }
    int value = 0;
    for (int k = i; k < i + count; k++) {
      char c = s.charAt(k);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean at(String s, int i, int end, char c) {
    return i < end && s.charAt(i) == c;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (char) ((c | 0x20) - 'a') < 26;
  }
}
