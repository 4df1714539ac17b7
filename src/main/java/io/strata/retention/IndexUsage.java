package io.strata.retention;

import io.strata.index.IndexId;
import io.strata.index.IndexStats;
import io.strata.index.TenantIndexes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Events and bytes of the indexes this node holds, per tenant, day and retention class. */
@ApplicationScoped
public class IndexUsage {

  /** Asks for every tenant's usage rather than one tenant's (the operator's view). */
  public static final String ALL_TENANTS = "*";

  private final TenantIndexes indexes;

  IndexUsage(TenantIndexes indexes) {
    this.indexes = indexes;
  }

  /** This node's indexes of {@code tenant} (or of all) with days in {@code [first, last]}. */
  public List<UsageResource.DayUsage> here(String tenant, LocalDate first, LocalDate last) {
    List<String> tenants = ALL_TENANTS.equals(tenant) ? indexes.tenants() : List.of(tenant);
    List<UsageResource.DayUsage> days = new ArrayList<>();
    for (String one : tenants) {
      for (IndexId id : indexes.list(one)) {
        if (id.day().isBefore(first) || id.day().isAfter(last)) {
          continue;
        }
        IndexStats stats = indexes.stats(id);
        days.add(new UsageResource.DayUsage(one, id.day(), id.retentionClass(), stats.events(),
            stats.bytes()));
      }
    }
    return days;
  }
}
