package io.strata.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** An erasure as the API shows it (its receipt is at {@code /receipt} once completed). */
public record ErasureView(
    @JsonProperty("id") String id,
    @JsonProperty("state") String state,
    @JsonProperty("query") String query,
    @JsonProperty("from") Instant from,
    @JsonProperty("to") Instant to,
    @JsonProperty("reason") String reason,
    @JsonProperty("requested_at") Instant requestedAt,
    @JsonProperty("requested_by") String requestedBy,
    @JsonProperty("not_before") Instant notBefore,
    @JsonProperty("cancelled_at") Instant cancelledAt,
    @JsonProperty("cancelled_by") String cancelledBy,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("completed_at") Instant completedAt,
    @JsonProperty("detail") String detail,
    @JsonProperty("receipt_sha256") String receiptSha256) {

  static ErasureView of(Erasure e) {
    boolean running = ErasureState.RUNNING.label().equals(e.state);
    return new ErasureView(e.id, e.state, e.query, e.from, e.to, e.reason, e.requestedAt,
        e.requestedBy, e.notBefore, e.cancelledAt, e.cancelledBy, e.startedAt, e.completedAt,
        running ? null : e.detail, e.receiptHash);
  }
}
