package io.strata.search.histogram;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.cluster.MissingNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramMergeTest {

  private static HistogramResponse part(long[] counts, List<Map<String, Long>> splits) {
    List<HistogramResponse.Bucket> buckets = new java.util.ArrayList<>();
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      buckets.add(new HistogramResponse.Bucket("t" + i, counts[i],
          splits == null ? null : splits.get(i)));
      total += counts[i];
    }
    return new HistogramResponse("1m", total, splits == null ? null : "service", buckets, 3);
  }

  @Test
  void countsAddUpBucketByBucket() {
    HistogramResponse merged = HistogramMerge.merge(part(new long[3], null),
        List.of(part(new long[] {1, 0, 5}, null), part(new long[] {2, 4, 0}, null)), null,
        List.of());
    assertThat(merged.buckets()).extracting(HistogramResponse.Bucket::count)
        .containsExactly(3L, 4L, 5L);
    assertThat(merged.total()).isEqualTo(12);
    assertThat(merged.partial()).isFalse();
    assertThat(merged.missing()).isNull();
    assertThat(merged.buckets().get(1).start()).isEqualTo("t1");
  }

  @Test
  void theClustersTopValuesComeFromEveryNodesCounts() {
    // "b" is second on each node but first in the cluster.
    HistogramResponse one = part(new long[] {10, 0},
        List.of(Map.of("a", 6L, "b", 4L), Map.of()));
    HistogramResponse two = part(new long[] {0, 10},
        List.of(Map.of(), Map.of("c", 6L, "b", 4L)));
    assertThat(HistogramMerge.topValues(List.of(one, two), 1)).containsExactly("b");
    assertThat(HistogramMerge.topValues(List.of(one, two), 3)).containsExactly("b", "a", "c");
  }

  @Test
  void splitCountsFollowTheChosenValuesAndAMissingNodeIsNamed() {
    HistogramResponse one = part(new long[] {10}, List.of(Map.of("a", 6L, "b", 4L)));
    HistogramResponse two = part(new long[] {5}, List.of(Map.of("b", 5L)));
    HistogramResponse merged = HistogramMerge.merge(part(new long[1], List.of(Map.of())),
        List.of(one, two), List.of("b", "a"),
        List.of(new MissingNode("strata-4", "no answer within 10000 ms")));
    assertThat(merged.buckets().get(0).split()).containsExactly(Map.entry("b", 9L),
        Map.entry("a", 6L));
    assertThat(merged.partial()).isTrue();
    assertThat(merged.missing()).extracting(MissingNode::node).containsExactly("strata-4");
  }
}
