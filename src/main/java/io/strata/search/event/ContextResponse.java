package io.strata.search.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.strata.cluster.MissingNode;
import java.util.List;
import java.util.Map;

/**
 * An event with the events of the same service and host just before and just after it, each list
 * oldest first.
 */
public record ContextResponse(List<Map<String, Object>> before, Map<String, Object> event,
    List<Map<String, Object>> after, boolean partial,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<MissingNode> missing) {

  /** The context as every node that holds indexes gave it. */
  public ContextResponse(List<Map<String, Object>> before, Map<String, Object> event,
      List<Map<String, Object>> after) {
    this(before, event, after, false, null);
  }
}
