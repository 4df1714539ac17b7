package io.strata.retention;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of a new legal hold; {@code from} and {@code to} take the same forms as search's. */
public record HoldRequest(
    @JsonProperty("name") String name,
    @JsonProperty("case") String caseRef,
    @JsonProperty("query") String query,
    @JsonProperty("from") String from,
    @JsonProperty("to") String to,
    @JsonProperty("reason") String reason) {}
