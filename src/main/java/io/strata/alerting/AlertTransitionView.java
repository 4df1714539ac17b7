package io.strata.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One change of an alert's state: {@code at} is the evaluation's time (or the ack's), {@code value}
 * the count that caused it, {@code actor} the user of an ack, {@code detail} why an evaluation
 * failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertTransitionView(
    @JsonProperty("id") long id,
    @JsonProperty("rule_id") String ruleId,
    @JsonProperty("fingerprint") String fingerprint,
    @JsonProperty("group") Map<String, String> group,
    @JsonProperty("from") String from,
    @JsonProperty("to") String to,
    @JsonProperty("value") Long value,
    @JsonProperty("at") Instant at,
    @JsonProperty("actor") String actor,
    @JsonProperty("detail") String detail) {

  static AlertTransitionView of(AlertTransition transition) {
    return new AlertTransitionView(transition.id, transition.ruleId, transition.fingerprint,
        AlertFingerprint.read(transition.groupValues), transition.fromState, transition.toState,
        transition.value, transition.evaluatedAt, transition.actor, transition.detail);
  }
}
