package io.strata.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** The body of a request for a new API key. */
public record KeyRequest(String name, List<String> scopes,
    @JsonProperty("expires_at") Instant expiresAt) {}
