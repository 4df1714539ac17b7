package io.strata.alerting;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The body that creates, replaces or previews an alert rule; it never names a tenant. Durations are
 * texts such as {@code 5m}; what may be left out and its default is in {@link AlertRuleRules}.
 */
public record AlertRuleRequest(
    @JsonProperty("name") String name,
    @JsonProperty("query") String query,
    @JsonProperty("kind") String kind,
    @JsonProperty("window") String window,
    @JsonProperty("every") String every,
    @JsonProperty("condition") Condition condition,
    @JsonProperty("group_by") List<String> groupBy,
    @JsonProperty("for") String forDuration,
    @JsonProperty("severity") String severity,
    @JsonProperty("channels") List<String> channels,
    @JsonProperty("renotify") String renotify,
    @JsonProperty("labels") Map<String, String> labels,
    @JsonProperty("description") String description,
    @JsonProperty("runbook_url") String runbookUrl,
    @JsonProperty("enabled") Boolean enabled) {

  /** What the count is compared with: {@code {"op":">","value":10}}. */
  public record Condition(@JsonProperty("op") String op, @JsonProperty("value") BigDecimal value) {}
}
