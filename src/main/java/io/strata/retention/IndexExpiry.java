package io.strata.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One index past its retention: when it expired, when it may be deleted (after the delete delay),
 * what it holds, and the legal holds that keep it (empty when none).
 */
public record IndexExpiry(
    @JsonProperty("index") String index,
    @JsonProperty("day") LocalDate day,
    @JsonProperty("class") String retentionClass,
    @JsonProperty("days") int days,
    @JsonProperty("expired_at") Instant expiredAt,
    @JsonProperty("delete_after") Instant deleteAfter,
    @JsonProperty("events") long events,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("held_by") List<String> heldBy) {

  /**
   * When an index of {@code day} kept {@code days} days expires: once its newest possible event
   * (the day's last instant) is {@code days} days old, i.e. at the start of day + days + 1.
   */
  public static Instant expiresAt(LocalDate day, int days) {
    return day.plusDays(days + 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
