package io.strata.parsing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body that creates or replaces a parsing rule, or that a preview runs; it never names a
 * tenant. {@code lines} and {@code last} are read by the preview only.
 */
public record ParsingRuleRequest(String name, String selector, String pattern,
    @JsonProperty("time_format") String timeFormat, Integer priority, Boolean enabled,
    List<String> lines, Integer last) {}
