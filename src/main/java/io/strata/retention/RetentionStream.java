package io.strata.retention;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A class of a tenant's events with a retention of its own: the events {@code selector} (a query in
 * search syntax) matches, when no stream of higher {@code priority} matches them first.
 */
public record RetentionStream(
    @JsonProperty("name") String name,
    @JsonProperty("selector") String selector,
    @JsonProperty("days") Integer days,
    @JsonProperty("priority") Integer priority) {}
