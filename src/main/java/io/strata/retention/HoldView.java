package io.strata.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A legal hold as the API shows it. */
public record HoldView(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("case") String caseRef,
    @JsonProperty("query") String query,
    @JsonProperty("from") Instant from,
    @JsonProperty("to") Instant to,
    @JsonProperty("reason") String reason,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("created_by") String createdBy,
    @JsonProperty("released_at") Instant releasedAt,
    @JsonProperty("released_by") String releasedBy,
    @JsonProperty("active") boolean active) {

  static HoldView of(LegalHold hold) {
    return new HoldView(hold.id, hold.name, hold.caseRef, hold.query, hold.from, hold.to,
        hold.reason, hold.createdAt, hold.createdBy, hold.releasedAt, hold.releasedBy,
        hold.releasedAt == null);
  }
}
