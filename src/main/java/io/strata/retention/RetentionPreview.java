package io.strata.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.cluster.MissingNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the next retention runs will do for a tenant, on every node: the indexes they will delete,
 * those legal holds keep, and those expired but still within the delete delay ({@code delete_delay}
 * in ISO-8601, e.g. {@code PT24H}). {@code partial} says a node's indexes are missing from it.
 */
public record RetentionPreview(
    @JsonProperty("next_run") Instant nextRun,
    @JsonProperty("delete_delay") String deleteDelay,
    @JsonProperty("delete") List<IndexExpiry> delete,
    @JsonProperty("held") List<IndexExpiry> held,
    @JsonProperty("pending") List<IndexExpiry> pending,
    @JsonProperty("totals") Totals totals,
    @JsonProperty("partial") boolean partial,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("missing")
    List<MissingNode> missing) {

  /** What {@code delete} adds up to. */
  public record Totals(
      @JsonProperty("indexes") int indexes,
      @JsonProperty("days") long days,
      @JsonProperty("events") long events,
      @JsonProperty("bytes") long bytes) {}

  static RetentionPreview of(Instant nextRun, Duration delay, List<IndexExpiry> expired,
      List<MissingNode> missing) {
    List<IndexExpiry> delete = expired.stream()
        .filter(e -> e.heldBy().isEmpty() && !nextRun.isBefore(e.deleteAfter())).toList();
    List<IndexExpiry> held = expired.stream().filter(e -> !e.heldBy().isEmpty()).toList();
    List<IndexExpiry> pending = expired.stream()
        .filter(e -> e.heldBy().isEmpty() && nextRun.isBefore(e.deleteAfter())).toList();
    Totals totals = new Totals(delete.size(),
        delete.stream().map(IndexExpiry::day).distinct().count(),
        delete.stream().mapToLong(IndexExpiry::events).sum(),
        delete.stream().mapToLong(IndexExpiry::bytes).sum());
    return new RetentionPreview(nextRun, delay.toString(), delete, held, pending, totals,
        !missing.isEmpty(), missing);
  }
}
