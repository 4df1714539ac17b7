package io.strata.ui.search;

import java.util.List;

/** The count scale beside the histogram: a round top, so the labels read at a glance. */
final class CountAxis {

  private CountAxis() {}

  /** The smallest 1, 2 or 5 times a power of ten that is at least {@code max} (and at least 1). */
  static long top(long max) {
    long power = 1;
    while (true) {
      for (long m : new long[] {1, 2, 5}) {
        if (m * power >= max) {
          return m * power;
        }
      }
      power *= 10;
    }
  }

  /** The labelled counts, bottom first: 0, the middle when it is whole, and the top. */
  static List<Long> ticks(long top) {
    return top % 2 == 0 ? List.of(0L, top / 2, top) : List.of(0L, top);
  }

  /** A count short enough for the axis: 950, 1.5k, 20k, 3M. */
  static String label(long count) {
    if (count < 1_000) {
      return Long.toString(count);
    }
    if (count < 1_000_000) {
      return compact(count / 1_000.0) + "k";
    }
    return compact(count / 1_000_000.0) + "M";
  }

  private static String compact(double value) {
    return value == Math.rint(value) || value >= 10 ? Long.toString(Math.round(value))
        : String.format(java.util.Locale.ROOT, "%.1f", value);
  }
}
