package io.strata.search.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.cluster.MissingNode;
import java.util.List;
import java.util.Map;

/**
 * Every event of one request or trace, oldest first, with the services it went through (in the
 * order they first appear) and its time span.
 *
 * @param start the first event's time
 * @param end the last returned event's time
 * @param total the events that carry the id
 * @param truncated whether more events carry the id than the answer holds (raise {@code limit})
 * @param partial whether a node that holds indexes did not answer: its events are missing
 * @param missing the nodes that did not answer, and why (absent when none)
 */
public record TraceResponse(String id, List<Map<String, Object>> events, List<String> services,
    String start, String end, @JsonProperty("duration_ms") long durationMs, long total,
    boolean truncated, boolean partial,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<MissingNode> missing) {}
