package io.strata.tenancy;

import io.smallrye.mutiny.Uni;

/**
 * What the retention feature says about a tenant's operator maximum: tenancy asks before lowering
 * it, without knowing how policies are kept.
 */
public interface RetentionLimits {

  /**
   * Fails with a 409 problem naming the stream when {@code tenant}'s policy keeps any class of
   * events longer than {@code maxDays}; runs in the caller's transaction.
   */
  Uni<Void> requireWithin(String tenant, int maxDays);
}
