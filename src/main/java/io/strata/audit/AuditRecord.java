package io.strata.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.SortedMap;

/**
 * An audit event as stored: its place in its trail, what happened, and the hashes that chain it to
 * the one before ({@code hash = SHA-256(prev_hash ‖ canonical form)}, see {@link AuditHashing}).
 */
public record AuditRecord(String chain, long seq, Instant time, String tenant,
    @JsonProperty("actor_type") String actorType, @JsonProperty("actor_id") String actorId,
    @JsonProperty("actor_name") String actorName, String source,
    @JsonProperty("user_agent") String userAgent, String action, String target,
    SortedMap<String, String> params, String outcome, int status,
    @JsonProperty("prev_hash") String prevHash, String hash) {}
