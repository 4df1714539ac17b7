package io.strata.search.histogram;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a node asks another for: its counts of {@code q} per bucket over the range, split by the
 * most frequent {@code splitSize} values of {@code split} or, when given, by exactly {@code
 * splitValues}. Times are resolved by the asking node.
 */
public record HistogramShardRequest(String q, @JsonProperty("from_millis") long fromMillis,
    @JsonProperty("to_millis") long toMillis, @JsonProperty("now_millis") long nowMillis,
    String interval, String split, @JsonProperty("split_size") int splitSize,
    @JsonProperty("split_values") List<String> splitValues) {}
