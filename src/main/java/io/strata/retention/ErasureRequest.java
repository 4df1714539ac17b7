package io.strata.retention;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of an erasure request; {@code from} and {@code to} take search's forms. */
public record ErasureRequest(
    @JsonProperty("query") String query,
    @JsonProperty("from") String from,
    @JsonProperty("to") String to,
    @JsonProperty("reason") String reason) {}
