package io.strata.search.histogram;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.cluster.MissingNode;
import java.util.List;
import java.util.Map;

/**
 * Counts of matching events per time bucket, oldest bucket first, empty buckets included.
 *
 * @param interval the bucket width, such as {@code 1m}
 * @param total all matching events in the range
 * @param split the field the counts are split by, when asked
 * @param partial whether a node that holds indexes did not answer: its counts are missing
 * @param missing the nodes that did not answer, and why (absent when none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistogramResponse(String interval, long total, String split,
    List<Bucket> buckets, @JsonProperty("took_ms") long tookMs, boolean partial,
    List<MissingNode> missing) {

  /** A histogram every node answered for. */
  public HistogramResponse(String interval, long total, String split, List<Bucket> buckets,
      long tookMs) {
    this(interval, total, split, buckets, tookMs, false, null);
  }

  /**
   * One bucket: its start (ISO-8601, UTC), its count and, when split, the counts of the most
   * frequent values of the split field (events without the field, or with rarer values, are counted
   * in {@code count} only).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Bucket(String start, long count, Map<String, Long> split) {}
}
