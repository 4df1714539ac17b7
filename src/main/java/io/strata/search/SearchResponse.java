package io.strata.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.cluster.MissingNode;
import java.util.List;
import java.util.Map;

/**
 * A page of events, newest first, with how many events match ({@code total_relation} {@code gte}
 * when the count stopped early) and the cursor of the next page ({@code null} on the last). {@code
 * partial} is true when a node that holds indexes did not answer: {@code missing} names it and
 * why, and the events and total lack its part.
 */
public record SearchResponse(List<Map<String, Object>> events, long total,
    @JsonProperty("total_relation") String totalRelation, String cursor,
    @JsonProperty("took_ms") long tookMs, boolean partial,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MissingNode> missing) {

  /** A complete answer: every node answered. */
  public SearchResponse(List<Map<String, Object>> events, long total, String totalRelation,
      String cursor, long tookMs) {
    this(events, total, totalRelation, cursor, tookMs, false, List.of());
  }
}
