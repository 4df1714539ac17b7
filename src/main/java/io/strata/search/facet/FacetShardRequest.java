package io.strata.search.facet;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a node asks another for: the top {@code size} values of each of {@code fields} over the
 * events {@code q} matches in the range, times resolved by the asking node.
 */
public record FacetShardRequest(String q, @JsonProperty("from_millis") long fromMillis,
    @JsonProperty("to_millis") long toMillis, @JsonProperty("now_millis") long nowMillis,
    List<String> fields, int size) {}
