package io.strata.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.strata.cluster.MissingNode;
import io.strata.search.ShardFanOut;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retention's reads over the whole cluster: what every index node would expire, and what every
 * node's indexes hold. A tenant's day in one class may have been written on several nodes (its
 * partitions moved, or are spread): the parts of one index are added up into one row.
 */
@ApplicationScoped
public class RetentionParts {

  /** What one node would expire for a tenant at a time. */
  public record Expiries(@JsonProperty("indexes") List<IndexExpiry> indexes) {}

  /** One node's usage rows. */
  public record UsageDays(@JsonProperty("days") List<UsageResource.DayUsage> days) {}

  /** Merged rows, and the nodes whose rows are missing from them. */
  public record Merged<T>(List<T> rows, List<MissingNode> missing) {}

  private final ShardFanOut fanOut;
  private final ExpiryPlanner planner;
  private final LegalHolds holds;
  private final IndexUsage usage;

  RetentionParts(ShardFanOut fanOut, ExpiryPlanner planner, LegalHolds holds, IndexUsage usage) {
    this.fanOut = fanOut;
    this.planner = planner;
    this.holds = holds;
    this.usage = usage;
  }

  /** {@code tenant}'s indexes expired by {@code at} on any node, oldest first. */
  public Merged<IndexExpiry> expired(String tenant, Instant at) {
    ShardFanOut.Parts<Expiries> parts = fanOut.ask(tenant, ShardRetentionResource.EXPIRED,
        new ShardRetentionResource.At(at.toEpochMilli()), Expiries.class,
        () -> expiredHere(tenant, at));
    Map<String, IndexExpiry> byIndex = new LinkedHashMap<>();
    for (Expiries part : parts.answers()) {
      for (IndexExpiry one : part.indexes()) {
        byIndex.merge(one.index(), one, RetentionParts::add);
      }
    }
    List<IndexExpiry> rows = new ArrayList<>(byIndex.values());
    rows.sort(Comparator.comparing(IndexExpiry::day).thenComparing(IndexExpiry::retentionClass));
    return new Merged<>(rows, parts.missing());
  }

  /** This node's part of {@link #expired}. */
  Expiries expiredHere(String tenant, Instant at) {
    return new Expiries(planner.expired(tenant, at, holds.snapshot()));
  }

  /** Usage of {@code tenant} (or {@link IndexUsage#ALL_TENANTS}) on every node, oldest first. */
  public Merged<UsageResource.DayUsage> usage(String tenant, LocalDate first, LocalDate last) {
    ShardFanOut.Parts<UsageDays> parts = fanOut.ask(tenant, ShardRetentionResource.USAGE,
        new ShardRetentionResource.Days(first, last), UsageDays.class,
        () -> new UsageDays(usage.here(tenant, first, last)));
    Map<String, UsageResource.DayUsage> byIndex = new LinkedHashMap<>();
    for (UsageDays part : parts.answers()) {
      for (UsageResource.DayUsage day : part.days()) {
        byIndex.merge(day.tenant() + '/' + day.day() + '/' + day.retentionClass(), day,
            (a, b) -> new UsageResource.DayUsage(a.tenant(), a.day(), a.retentionClass(),
                a.events() + b.events(), a.bytes() + b.bytes()));
      }
    }
    List<UsageResource.DayUsage> rows = new ArrayList<>(byIndex.values());
    rows.sort(Comparator.comparing(UsageResource.DayUsage::day)
        .thenComparing(UsageResource.DayUsage::tenant)
        .thenComparing(UsageResource.DayUsage::retentionClass));
    return new Merged<>(rows, parts.missing());
  }

  /** Two nodes' parts of one index: their sizes add up, any hold on either keeps it. */
  static IndexExpiry add(IndexExpiry a, IndexExpiry b) {
    Set<String> heldBy = new LinkedHashSet<>(a.heldBy());
    heldBy.addAll(b.heldBy());
    return new IndexExpiry(a.index(), a.day(), a.retentionClass(), a.days(),
        a.expiredAt(), a.deleteAfter().isAfter(b.deleteAfter()) ? a.deleteAfter() : b.deleteAfter(),
        a.events() + b.events(), a.bytes() + b.bytes(), List.copyOf(heldBy));
  }
}
