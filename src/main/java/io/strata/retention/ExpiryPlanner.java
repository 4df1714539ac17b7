package io.strata.retention;

import io.strata.index.IndexId;
import io.strata.index.IndexStats;
import io.strata.index.TenantIndexes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the indexes of a tenant on this node that are past their retention: by the class each index
 * was written for, under the tenant's policy as it stands now (a class the policy no longer names
 * is kept for {@code default_days}).
 */
@ApplicationScoped
public class ExpiryPlanner {

  /** The legal holds that keep an index, by id; empty when none does. */
  @FunctionalInterface
  public interface Holds {
    List<String> keeping(IndexId index);

    Holds NONE = index -> List.of();
  }

  private final TenantIndexes indexes;
  private final RetentionPolicies policies;
  private final RetentionConfig config;

  ExpiryPlanner(TenantIndexes indexes, RetentionPolicies policies, RetentionConfig config) {
    this.indexes = indexes;
    this.policies = policies;
    this.config = config;
  }

  /**
   * The indexes of {@code tenant} expired by {@code at}, oldest first, each with when it may be
   * deleted and what holds keep it.
   */
  public List<IndexExpiry> expired(String tenant, Instant at, Holds holds) {
    RetentionPolicy policy = policies.effective(tenant);
    Duration delay = config.deleteDelay();
    List<IndexExpiry> expired = new ArrayList<>();
    for (IndexId id : indexes.list(tenant)) {
      int days = policy.daysOf(id.retentionClass());
      Instant expiresAt = IndexExpiry.expiresAt(id.day(), days);
      if (at.isBefore(expiresAt)) {
        continue;
      }
      IndexStats stats = indexes.stats(id);
      expired.add(new IndexExpiry(id.name(), id.day(), id.retentionClass(), days,
          expiresAt, expiresAt.plus(delay), stats.events(), stats.bytes(),
          List.copyOf(holds.keeping(id))));
    }
    expired.sort(Comparator.comparing(IndexExpiry::day).thenComparing(IndexExpiry::retentionClass));
    return expired;
  }
}
