package io.strata.tenancy;

import java.util.Optional;

/**
 * The limits a PATCH of a tenant changes: an absent field is left as it is, a present one is set,
 * and a present null lifts the limit ({@code partitions} cannot be lifted).
 */
public record TenantChanges(Optional<Optional<Integer>> maxEventsPerSecond,
    Optional<Optional<Integer>> maxRetentionDays, Optional<Integer> partitions) {

  /** Changes of the two limits only. */
  public TenantChanges(Optional<Optional<Integer>> maxEventsPerSecond,
      Optional<Optional<Integer>> maxRetentionDays) {
    this(maxEventsPerSecond, maxRetentionDays, Optional.empty());
  }
}
