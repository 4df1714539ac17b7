package io.strata.search.histogram;

import io.strata.infra.http.ProblemException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The width of a histogram bucket, written like {@code 30s}, {@code 1m}, {@code 2h}, {@code 1d}
 * (units s, m, h, d, w). Buckets start at whole multiples of it since the epoch, in UTC.
 */
public record Interval(long millis, String text) {

  /** Automatic intervals aim for at most this many buckets... */
  static final int MAX_AUTO_BUCKETS = 120;
  /** ...and a given interval may make at most this many. */
  static final int MAX_BUCKETS = 10_000;

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})([smhdw])");
  private static final List<String> LADDER = List.of("1s", "2s", "5s", "10s", "15s", "30s", "1m",
      "2m", "5m", "10m", "15m", "30m", "1h", "2h", "3h", "6h", "12h", "1d", "2d", "7d", "14d", "30d",
      "90d", "365d");

  /** The interval written as {@code text}; a 400 problem naming {@code interval} otherwise. */
  public static Interval parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw ProblemException.badRequest("invalid-interval", "'" + text + "' is not an interval: use"
          + " a whole number and a unit s, m, h, d or w, such as 30s, 1m, 1h or 1d.")
          .with("parameter", "interval");
    }
    long unit = switch (m.group(2)) {
      case "s" -> 1_000L;
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      case "d" -> 86_400_000L;
      default -> 7 * 86_400_000L;
    };
    return new Interval(Long.parseLong(m.group(1)) * unit, m.group(1) + m.group(2));
  }

  /** The smallest round interval that covers {@code [from, to]} in at most 120 buckets. */
  public static Interval auto(long fromMillis, long toMillis) {
    for (String step : LADDER) {
      Interval interval = parse(step);
      if (interval.buckets(fromMillis, toMillis) <= MAX_AUTO_BUCKETS) {
        return interval;
      }
    }
    return parse(LADDER.getLast());
  }

  /** The number of buckets from the one holding {@code from} to the one holding {@code to}. */
  public long buckets(long fromMillis, long toMillis) {
    return Math.floorDiv(toMillis, millis) - Math.floorDiv(fromMillis, millis) + 1;
  }

  /** The start of the bucket holding {@code timeMillis}. */
  public long floor(long timeMillis) {
    return Math.floorDiv(timeMillis, millis) * millis;
  }
}
