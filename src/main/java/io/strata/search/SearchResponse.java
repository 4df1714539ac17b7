package io.strata.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A page of events, newest first, with how many events match ({@code total_relation} {@code gte}
 * when the count stopped early) and the cursor of the next page ({@code null} on the last).
 */
public record SearchResponse(List<Map<String, Object>> events, long total,
    @JsonProperty("total_relation") String totalRelation, String cursor,
    @JsonProperty("took_ms") long tookMs) {}
