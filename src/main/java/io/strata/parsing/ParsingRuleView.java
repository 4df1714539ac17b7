package io.strata.parsing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A parsing rule as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParsingRuleView(String id, String tenant, String name, String selector,
    String pattern, @JsonProperty("time_format") String timeFormat, int priority, boolean enabled,
    @JsonProperty("created_at") Instant createdAt, @JsonProperty("created_by") String createdBy,
    @JsonProperty("updated_at") Instant updatedAt, @JsonProperty("updated_by") String updatedBy) {

  static ParsingRuleView of(ParsingRule rule) {
    return new ParsingRuleView(rule.id, rule.tenant, rule.name, rule.selector, rule.pattern,
        rule.timeFormat, rule.priority, rule.enabled, rule.createdAt, rule.createdBy,
        rule.updatedAt, rule.updatedBy);
  }
}
