package io.strata.search.event;

import java.util.List;
import java.util.Map;

/**
 * An event with the events of the same service and host just before and just after it, each list
 * oldest first.
 */
public record ContextResponse(List<Map<String, Object>> before, Map<String, Object> event,
    List<Map<String, Object>> after) {}
