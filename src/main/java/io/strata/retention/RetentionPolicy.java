package io.strata.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * How long a tenant's events are kept: {@code default_days} for events no stream selects, each
 * stream's own days for the events it selects, within the floor of {@code profile} and the ceiling
 * {@code max_days}.
 *
 * @param updatedAt when the policy was last set; null while the tenant has the platform default
 */
public record RetentionPolicy(
    @JsonProperty("default_days") Integer defaultDays,
    @JsonProperty("streams") List<RetentionStream> streams,
    @JsonProperty("profile") String profile,
    @JsonProperty("max_days") Integer maxDays,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("updated_by") String updatedBy) {

  /** The class of events no stream selects. */
  public static final String DEFAULT_CLASS = io.strata.index.IndexId.DEFAULT_CLASS;

  /** The days events of {@code retentionClass} are kept; a class no longer in the policy: default. */
  public int daysOf(String retentionClass) {
    for (RetentionStream stream : streams) {
      if (stream.name().equals(retentionClass)) {
        return stream.days();
      }
    }
    return defaultDays;
  }

  /** The longest any class is kept. */
  public int longestDays() {
    int longest = defaultDays;
    for (RetentionStream stream : streams) {
      longest = Math.max(longest, stream.days());
    }
    return longest;
  }
}
