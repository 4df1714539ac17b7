package io.strata.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/audit/verify}: how many events and sealed indexes were checked,
 * whether all is well, and where it is not.
 */
public record AuditVerification(@JsonProperty("verified_events") long verifiedEvents,
    @JsonProperty("verified_indexes") long verifiedIndexes, boolean ok, List<Problem> problems,
    @JsonProperty("verified_checkpoints") long verifiedCheckpoints) {

  /**
   * One finding.
   *
   * @param kind {@code chain} (an event changed, removed or out of order), {@code signature} (a
   *     signed checkpoint does not match) or {@code index} (a sealed index file changed)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Problem(String kind, Long seq, String index, String detail) {}
}
