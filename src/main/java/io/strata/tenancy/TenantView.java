package io.strata.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A tenant as the API shows it. */
public record TenantView(String id, String name, @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("max_events_per_second") Integer maxEventsPerSecond,
    @JsonProperty("max_retention_days") Integer maxRetentionDays, int partitions) {

  public static TenantView of(Tenant tenant) {
    return new TenantView(tenant.id, tenant.name, tenant.createdAt, tenant.maxEventsPerSecond,
        tenant.maxRetentionDays, tenant.partitions);
  }
}
