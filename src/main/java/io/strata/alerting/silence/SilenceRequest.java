package io.strata.alerting.silence;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A silence's body: the rules it covers ({@code rule_ids}; none: every rule) and/or {@code
 * matchers} on group values and labels, when ({@code from}, default now; {@code to}, required: an
 * ISO-8601 time or {@code now+2h}), and why ({@code comment}, required).
 */
public record SilenceRequest(
    @JsonProperty("rule_ids") List<String> ruleIds,
    @JsonProperty("matchers") Map<String, String> matchers,
    @JsonProperty("from") String from,
    @JsonProperty("to") String to,
    @JsonProperty("comment") String comment) {}
