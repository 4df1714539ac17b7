package io.strata.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles by nearest rank. */
final class Stats {

  private Stats() {}

  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double percentile(Collection<Double> values, double p) {
    return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), p);
  }

  static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }

  /** Nanoseconds as milliseconds. */
  static double[] millis(long[] nanos) {
    return Arrays.stream(nanos).filter(n -> n > 0).mapToDouble(n -> n / 1e6).toArray();
  }

  /** Rounds to {@code digits} decimals, for a readable report. */
  static double round(double value, int digits) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
