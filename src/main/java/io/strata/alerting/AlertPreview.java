package io.strata.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a rule would do if it were evaluated now: the value of each group and whether its condition
 * holds. {@code would} is {@code fire}, {@code pending} (the condition holds, but must hold for
 * {@code for} before the rule fires) or {@code ok}.
 */
public record AlertPreview(
    @JsonProperty("kind") String kind,
    @JsonProperty("window") String window,
    @JsonProperty("evaluated_at") Instant evaluatedAt,
    @JsonProperty("groups") List<Group> groups,
    @JsonProperty("truncated") boolean truncated) {

  /**
   * One group: the values of the {@code group_by} fields ({@code {}} without them), the events in
   * the window, and for no_data rules the events in the window before ({@code previous}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Group(
      @JsonProperty("group") Map<String, String> group,
      @JsonProperty("value") long value,
      @JsonProperty("previous") Long previous,
      @JsonProperty("condition_met") boolean conditionMet,
      @JsonProperty("would") String would) {}
}
