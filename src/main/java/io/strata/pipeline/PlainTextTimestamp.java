package io.strata.pipeline;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Finds the event time at the start of a plain-text log line: an ISO-8601 or epoch prefix, a
 * bracketed time as in Apache's access log, or a syslog {@code MMM d HH:mm:ss} stamp.
 */
final class PlainTextTimestamp {

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
  private static final long DAY_NANOS = 86_400_000_000_000L;

  private PlainTextTimestamp() {}

  /** The event time in epoch nanoseconds, or {@link Long#MIN_VALUE} when the line has none. */
  static long find(String line, long ingestedAtMillis) {
    if (line.isEmpty()) {
      return Long.MIN_VALUE;
    }
    char first = line.charAt(0);
    if (first >= '0' && first <= '9') {
      int space = line.indexOf(' ');
      if (space > 0) {
        // "2024-01-02 03:04:05,123 ..." needs two tokens, "2024-01-02T03:04:05Z ..." one.
        int second = line.indexOf(' ', space + 1);
        if (second > 0 && second - space <= 24) {
          long nanos = stamp(line.substring(0, second));
          if (nanos != Long.MIN_VALUE) {
            return nanos;
          }
        }
        long nanos = space <= 40 ? stamp(line.substring(0, space)) : Long.MIN_VALUE;
        if (nanos != Long.MIN_VALUE) {
          return nanos;
        }
      } else {
        return line.length() <= 40 ? stamp(line) : Long.MIN_VALUE;
      }
      // Not a stamp, such as the client address that starts an access log line: read on.
    }
    int open = line.indexOf('[');
    if (open >= 0 && open < 80) {
      int close = line.indexOf(']', open);
      if (close > open && close - open <= 40) {
        long nanos = stamp(line.substring(open + 1, close));
        if (nanos != Long.MIN_VALUE) {
          return nanos;
        }
      }
    }
    return syslog(line, ingestedAtMillis);
  }

  /**
   * Parses a time notation; a bare number only counts as epoch time with at least 10 integer digits
   * (epoch seconds from September 2001 on), so that pids ({@code sshd[19939]}), uptimes ({@code [
   * 5.123456]}) and counters are not taken for times in 1970.
   */
  private static long stamp(String token) {
    String s = token.strip();
    int start = s.startsWith("-") ? 1 : 0;
    int i = start;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    int integerDigits = i - start;
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
    }
    if (i == s.length() && integerDigits < 10) {
      return Long.MIN_VALUE;
    }
    return TimestampParser.parseText(s);
  }

  /**
   * RFC 3164 stamps carry no year: take the ingest year, or the year before when that would put the
   * event more than a day in the future (a December line read in January).
   */
  private static long syslog(String line, long ingestedAtMillis) {
    if (line.length() < 15 || line.charAt(3) != ' ') {
      return Long.MIN_VALUE;
    }
    int month = MONTHS.indexOf(line.substring(0, 3));
    if (month < 0 || month % 3 != 0) {
      return Long.MIN_VALUE;
    }
    int day = digit(line.charAt(4)) * 10 + digit(line.charAt(5));
    if (line.charAt(4) == ' ') {
      day = digit(line.charAt(5));
    }
    int hour = digit(line.charAt(7)) * 10 + digit(line.charAt(8));
    int minute = digit(line.charAt(10)) * 10 + digit(line.charAt(11));
    int second = digit(line.charAt(13)) * 10 + digit(line.charAt(14));
    if (line.charAt(6) != ' ' || line.charAt(9) != ':' || line.charAt(12) != ':' || day < 1
        || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 60) {
      return Long.MIN_VALUE;
    }
    int year = LocalDateTime.ofEpochSecond(ingestedAtMillis / 1000, 0, ZoneOffset.UTC).getYear();
    try {
      long nanos = toNanos(year, month / 3 + 1, day, hour, minute, second);
      if (nanos - ingestedAtMillis * 1_000_000L > DAY_NANOS) {
        nanos = toNanos(year - 1, month / 3 + 1, day, hour, minute, second);
      }
      return nanos;
    } catch (java.time.DateTimeException e) {
      return Long.MIN_VALUE;
    }
  }

  private static long toNanos(int year, int month, int day, int hour, int minute, int second) {
    return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC)
        * 1_000_000_000L;
  }

  private static int digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : -100;
  }
}
