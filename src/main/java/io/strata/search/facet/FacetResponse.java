package io.strata.search.facet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.cluster.MissingNode;
import io.strata.search.ValueCounter;
import java.util.List;
import java.util.Map;

/**
 * The most frequent values of each asked field over the matching events, most frequent first.
 *
 * @param total the matching events
 * @param incomplete fields with more distinct values than are counted one by one, whose top values
 *     may miss some (absent when none); across nodes, also fields whose values one node could not
 *     send all of
 * @param partial whether a node that holds indexes did not answer: its counts are missing
 * @param missing the nodes that did not answer, and why (absent when none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FacetResponse(Map<String, List<ValueCounter.ValueCount>> facets, long total,
    List<String> incomplete, @JsonProperty("took_ms") long tookMs, boolean partial,
    List<MissingNode> missing) {

  /** Facets every node answered for. */
  public FacetResponse(Map<String, List<ValueCounter.ValueCount>> facets, long total,
      List<String> incomplete, long tookMs) {
    this(facets, total, incomplete, tookMs, false, null);
  }
}
