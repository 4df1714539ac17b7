package io.strata.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An alert rule as the API shows it: the body's members under the same names, durations written as
 * {@code 5m} again, and who made and last changed it. Members left unset are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRuleView(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("query") String query,
    @JsonProperty("kind") String kind,
    @JsonProperty("window") String window,
    @JsonProperty("every") String every,
    @JsonProperty("condition") AlertRuleRequest.Condition condition,
    @JsonProperty("group_by") List<String> groupBy,
    @JsonProperty("for") String forDuration,
    @JsonProperty("severity") String severity,
    @JsonProperty("channels") List<String> channels,
    @JsonProperty("renotify") String renotify,
    @JsonProperty("labels") Map<String, String> labels,
    @JsonProperty("description") String description,
    @JsonProperty("runbook_url") String runbookUrl,
    @JsonProperty("enabled") boolean enabled,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("created_by") String createdBy,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("updated_by") String updatedBy) {

  /** The rule as the API shows it. */
  public static AlertRuleView of(AlertRule rule) {
    AlertRuleRequest.Condition condition = rule.conditionOp == null ? null
        : new AlertRuleRequest.Condition(rule.conditionOp, plain(rule.conditionValue));
    return new AlertRuleView(rule.id, rule.name, rule.query, rule.kind,
        Durations.format(rule.windowSeconds), Durations.format(rule.everySeconds), condition,
        rule.groupByList(), Durations.format(rule.forSeconds), rule.severity, rule.channelList(),
        rule.renotifySeconds == null ? null : Durations.format(rule.renotifySeconds),
        rule.labelMap(), rule.description, rule.runbookUrl, rule.enabled, rule.createdAt,
        rule.createdBy, rule.updatedAt, rule.updatedBy);
  }

  /** The value without the trailing zeros a numeric column may add: {@code 10.00} is 10. */
  private static BigDecimal plain(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
