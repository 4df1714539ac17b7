package io.strata.parsing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a rule would make of sample lines: per line, the outcome ({@code parsed}, {@code no_match},
 * {@code timed_out}, {@code failed}) and the fields it would set; {@code matched} of {@code total}
 * were parsed. {@code source} says where the lines came from: {@code lines} sent, or {@code
 * events}, the tenant's latest events that the selector picks.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RulePreview(String source, int total, int matched, List<Line> results) {

  /** One line and what the rule made of it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Line(String line, String outcome, Map<String, Object> fields) {}
}
