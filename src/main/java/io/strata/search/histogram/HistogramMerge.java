package io.strata.search.histogram;

import io.strata.cluster.MissingNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adds up the histograms of several nodes: every node counts the same buckets. */
final class HistogramMerge {

  private HistogramMerge() {}

  /**
   * The {@code size} values with the most events over every node's split counts, most first (ties
   * by value, so every node and every run picks the same).
   */
  static List<String> topValues(List<HistogramResponse> parts, int size) {
    Map<String, Long> sums = new HashMap<>();
    for (HistogramResponse part : parts) {
      for (HistogramResponse.Bucket bucket : part.buckets()) {
        if (bucket.split() != null) {
          bucket.split().forEach((value, count) -> sums.merge(value, count, Long::sum));
        }
      }
    }
    return sums.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
        .limit(size).map(Map.Entry::getKey).toList();
  }

  /**
   * {@code empty} (every bucket at zero, as all parts have them) plus every part's counts; split
   * counts keep the order of {@code values}.
   */
  static HistogramResponse merge(HistogramResponse empty, List<HistogramResponse> parts,
      List<String> values, List<MissingNode> missing) {
    int n = empty.buckets().size();
    long[] counts = new long[n];
    List<Map<String, Long>> splits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      splits.add(values == null ? null : new HashMap<>());
    }
    long total = 0;
    for (HistogramResponse part : parts) {
      total += part.total();
      for (int i = 0; i < Math.min(n, part.buckets().size()); i++) {
        HistogramResponse.Bucket bucket = part.buckets().get(i);
        counts[i] += bucket.count();
        if (values != null && bucket.split() != null) {
          Map<String, Long> sum = splits.get(i);
          bucket.split().forEach((value, count) -> sum.merge(value, count, Long::sum));
        }
      }
    }
    List<HistogramResponse.Bucket> buckets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, Long> split = null;
      if (values != null) {
        split = new LinkedHashMap<>();
        for (String value : values) {
          Long count = splits.get(i).get(value);
          if (count != null && count > 0) {
            split.put(value, count);
          }
        }
      }
      buckets.add(new HistogramResponse.Bucket(empty.buckets().get(i).start(), counts[i], split));
    }
    return new HistogramResponse(empty.interval(), total, empty.split(), buckets, 0,
        !missing.isEmpty(), missing.isEmpty() ? null : List.copyOf(missing));
  }
}
