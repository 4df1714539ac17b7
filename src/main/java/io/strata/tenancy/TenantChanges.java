package io.strata.tenancy;

import java.util.Optional;

/**
 * The limits a PATCH of a tenant changes: an absent field is left as it is, a present one is set,
 * and a present null lifts the limit.
 */
public record TenantChanges(Optional<Optional<Integer>> maxEventsPerSecond,
    Optional<Optional<Integer>> maxRetentionDays) {}
