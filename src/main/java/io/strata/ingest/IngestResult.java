package io.strata.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer to an ingest request: what was kept, and why each rejected event was not. */
public record IngestResult(int accepted, int rejected, List<EventError> errors) {

  /** Why one event was rejected, and where it was in the request. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EventError(Integer line, Integer index, String reason) {}
}
