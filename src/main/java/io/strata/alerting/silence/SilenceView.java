package io.strata.alerting.silence;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A silence as the API shows it, with whether it is {@code active}, {@code pending} or {@code expired}. */
public record SilenceView(
    @JsonProperty("id") String id,
    @JsonProperty("rule_ids") List<String> ruleIds,
    @JsonProperty("matchers") Map<String, String> matchers,
    @JsonProperty("from") Instant from,
    @JsonProperty("to") Instant to,
    @JsonProperty("comment") String comment,
    @JsonProperty("status") String status,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("created_by") String createdBy) {

  /** The silence as the API shows it, with its status at {@code now}. */
  public static SilenceView of(Silence silence, Instant now) {
    String status = now.isBefore(silence.startsAt) ? "pending"
        : now.isBefore(silence.endsAt) ? "active" : "expired";
    return new SilenceView(silence.id, silence.ruleIdList(), silence.matcherMap(),
        silence.startsAt, silence.endsAt, silence.comment, status, silence.createdAt,
        silence.createdBy);
  }
}
