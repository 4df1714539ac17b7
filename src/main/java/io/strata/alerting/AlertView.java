package io.strata.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/** An alert as the API shows it: its rule, group and state, and who acknowledged it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(
    @JsonProperty("fingerprint") String fingerprint,
    @JsonProperty("rule_id") String ruleId,
    @JsonProperty("rule_name") String ruleName,
    @JsonProperty("severity") String severity,
    @JsonProperty("group") Map<String, String> group,
    @JsonProperty("state") String state,
    @JsonProperty("since") Instant since,
    @JsonProperty("value") Long value,
    @JsonProperty("last_value") Long lastValue,
    @JsonProperty("ack_by") String ackBy,
    @JsonProperty("ack_at") Instant ackAt,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("silenced_by") String silencedBy) {

  /**
   * The state shown for a firing alert that a silence covers now: not stored, since the silence
   * may end while the alert still fires.
   */
  static final String SILENCED = "silenced";

  static AlertView of(Alert alert, AlertRule rule) {
    return of(alert, rule, null);
  }

  /**
   * The alert as shown; a firing one that {@code silence} covers now is shown {@code silenced}
   * (its receivers are not told while it is).
   */
  static AlertView of(Alert alert, AlertRule rule, String silence) {
    boolean silenced = silence != null && AlertState.FIRING.label().equals(alert.state);
    return new AlertView(alert.fingerprint, alert.ruleId, rule == null ? null : rule.name,
        rule == null ? null : rule.severity, AlertFingerprint.read(alert.groupValues),
        silenced ? SILENCED : alert.state, alert.since, alert.value,
        alert.lastValue, alert.ackBy, alert.ackAt, alert.updatedAt, silenced ? silence : null);
  }
}
