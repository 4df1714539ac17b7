package io.strata.search.event;

import com.fasterxml.jackson.annotation.JsonProperty;
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
 */
public record TraceResponse(String id, List<Map<String, Object>> events, List<String> services,
    String start, String end, @JsonProperty("duration_ms") long durationMs, long total,
    boolean truncated) {}
